/**
 * Build-time change to Vizceral's bundle (vite.config.ts): the three.js it bundles and the
 * connections' particle material (a ShaderMaterial private to ConnectionView's module, which every
 * connection clones) are exported as `THREE` and `particleMaterial`, so that the adapter can link
 * the shader programs of a view before its first frame (src/vizceral/firstFrameWarmUp.ts). Both are
 * caught where the particle material is made, when the bundle is loaded; the line numbers stay.
 */

/** `var <d>=new <three>.ShaderMaterial({uniforms:{},vertexShader:` in ConnectionView's module. */
const PARTICLE_MATERIAL = /var (\w+)=new (\w+)\.ShaderMaterial\(\{uniforms:\{\},vertexShader:/g;
const THREE = '__trafficMapThree';
const PARTICLES = '__trafficMapParticleMaterial';

/** The bundle with both exported; throws unless the particle material is made in exactly one place. */
export function exposeThree(bundle: string): string {
  const found = [...bundle.matchAll(PARTICLE_MATERIAL)].length;
  if (found !== 1) {
    throw new Error(`vizceral: expected one particle ShaderMaterial in the bundle, found ${found}: update scripts/vizceralThree.ts for this Vizceral version`);
  }
  const caught = bundle.replace(PARTICLE_MATERIAL, `${THREE}=$2;var $1=${PARTICLES}=new $2.ShaderMaterial({uniforms:{},vertexShader:`);
  return `var ${THREE},${PARTICLES};${caught}\n;module.exports.THREE=${THREE};module.exports.particleMaterial=${PARTICLES};\n`;
}
