// A minimal VS Code client for `triggerlint lsp`: it starts the server
// over stdio for JSON files and leaves the rest to vscode-languageclient.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('triggerlint');
  const command = config.get('path', 'triggerlint');
  const server = { command, args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient('triggerlint', 'triggerlint', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'json', pattern: config.get('files', '**/*.json') }],
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
