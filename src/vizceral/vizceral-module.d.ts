/** The small part of the `vizceral` package (a UMD bundle without types) that the adapter uses. */
declare module 'vizceral' {
  const Vizceral: unknown;
  export default Vizceral;
}
