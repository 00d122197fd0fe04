import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exposeThree } from './vizceralThree.ts';

const BUNDLE = readFileSync('node_modules/vizceral/dist/vizceral.js', 'utf8');
const HEAD = 'var __trafficMapThree,__trafficMapParticleMaterial;';
const TAIL = '\n;module.exports.THREE=__trafficMapThree;module.exports.particleMaterial=__trafficMapParticleMaterial;\n';

describe('exposeThree on the Vizceral 4.9 bundle', () => {
  const changed = exposeThree(BUNDLE);

  it('catches three.js and the particle material where the material is made, and changes nothing else', () => {
    expect(changed).toContain('__trafficMapThree=i;var d=__trafficMapParticleMaterial=new i.ShaderMaterial({uniforms:{},vertexShader:');
    expect(changed.startsWith(HEAD) && changed.endsWith(TAIL)).toBe(true);
    const back = changed.slice(HEAD.length, changed.length - TAIL.length).replace('__trafficMapThree=i;var d=__trafficMapParticleMaterial=new', 'var d=new');
    expect(back).toBe(BUNDLE);
  });

  it('the namespace caught is three.js (the module that makes the material holds its classes)', () => {
    const at = changed.indexOf('__trafficMapThree=i;');
    const module = changed.slice(Math.max(0, at - 1500), at);
    expect(module).toMatch(/var l=new i\.TextureLoader/);
    // And the material is the particles' one: the traffic vertex shader, cloned by each connection view.
    expect(changed.slice(at, at + 400)).toContain('uniform float amplitude;');
    expect(changed).toMatch(/shaderMaterial=d\.clone\(\)/);
  });

  it('keeps the line numbers of the bundle (its source map)', () => {
    const lines = (s: string) => s.split('\n').length;
    expect(lines(changed.slice(0, changed.length - TAIL.length))).toBe(lines(BUNDLE));
  });
});

describe('exposeThree finds its one place or says so', () => {
  const MADE = 'var d=new i.ShaderMaterial({uniforms:{},vertexShader:"x"})';
  it.each([
    { desc: 'the material', bundle: MADE, result: `${HEAD}__trafficMapThree=i;var d=__trafficMapParticleMaterial=new i.ShaderMaterial({uniforms:{},vertexShader:"x"})${TAIL}` },
    { desc: 'none', bundle: 'var x=1;', result: /found 0: update scripts\/vizceralThree\.ts/ },
    { desc: 'two', bundle: `${MADE};${MADE}`, result: /found 2/ },
    { desc: 'with uniforms of its own, left alone', bundle: MADE.replace('uniforms:{}', 'uniforms:{a:1}'), result: /found 0/ },
  ])('$desc', ({ bundle, result }) => {
    if (typeof result === 'string') expect(exposeThree(bundle)).toBe(result);
    else expect(() => exposeThree(bundle)).toThrow(result);
  });
});
