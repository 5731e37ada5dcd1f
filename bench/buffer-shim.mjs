// @metamask/browser-passworder uses Node's global `Buffer`; MetaMask's build supplies it with
// the `buffer` package, and so does this bundle (esbuild `inject`).
export { Buffer } from 'buffer';
