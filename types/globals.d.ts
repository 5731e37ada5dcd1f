// Globals the extension's page-world scripts share with web pages (for the type check only).
interface Window {
  ethereum?: any;
  __kuraWalletMetaMaskMode?: boolean;
}
