// The diagram's stylesheet: VS Code theme colors through CSS variables, with
// fallbacks (a light theme) for an SVG opened outside VS Code. The webview adds
// it to its page; `blueprint graph --format svg` embeds it in the file.
export const THEME_VARIABLES = [
  '--vscode-editor-background',
  '--vscode-editor-foreground',
  '--vscode-descriptionForeground',
  '--vscode-panel-border',
  '--vscode-focusBorder',
  '--vscode-editorWidget-background',
  '--vscode-editorError-foreground',
  '--vscode-editorWarning-foreground',
  '--vscode-editorInfo-foreground',
  '--vscode-charts-blue',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-orange',
  '--vscode-charts-yellow',
  '--vscode-charts-red',
  '--vscode-font-family',
] as const;

export const TOPOLOGY_CSS = `
.bp-topology { font-family: var(--vscode-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif); font-size: 12px; }
.bp-topology .bp-bg { fill: var(--vscode-editor-background, #ffffff); }
.bp-topology text { fill: var(--vscode-editor-foreground, #1f2328); }
.bp-topology .bp-group > rect { fill: var(--vscode-editorWidget-background, #f6f8fa); fill-opacity: 0.55; stroke: var(--vscode-panel-border, #c8ccd0); stroke-dasharray: 4 3; }
.bp-topology .bp-group > text { font-weight: 600; fill: var(--vscode-descriptionForeground, #57606a); }
.bp-topology .bp-node > rect.bp-box { fill: var(--vscode-editor-background, #ffffff); stroke: var(--vscode-charts-blue, #1a73e8); stroke-width: 1.5; }
.bp-topology .bp-node .bp-kind { font-size: 10px; fill: var(--vscode-descriptionForeground, #57606a); }
.bp-topology .bp-node .bp-name { font-weight: 600; }
.bp-topology .bp-node .bp-detail { font-size: 10px; fill: var(--vscode-descriptionForeground, #57606a); }
.bp-topology .bp-node .bp-stripe { fill: var(--vscode-charts-blue, #1a73e8); }
.bp-topology .bp-cat-internet .bp-stripe, .bp-topology .bp-cat-internet > rect.bp-box { stroke: var(--vscode-charts-purple, #8250df); fill: var(--vscode-charts-purple, #8250df); }
.bp-topology .bp-cat-internet > rect.bp-box { fill-opacity: 0.12; }
.bp-topology .bp-cat-ingress .bp-stripe { fill: var(--vscode-charts-purple, #8250df); }
.bp-topology .bp-cat-ingress > rect.bp-box { stroke: var(--vscode-charts-purple, #8250df); }
.bp-topology .bp-cat-service .bp-stripe { fill: var(--vscode-charts-blue, #1a73e8); }
.bp-topology .bp-cat-workload .bp-stripe, .bp-topology .bp-cat-job .bp-stripe { fill: var(--vscode-charts-green, #1a7f37); }
.bp-topology .bp-cat-workload > rect.bp-box, .bp-topology .bp-cat-job > rect.bp-box { stroke: var(--vscode-charts-green, #1a7f37); }
.bp-topology .bp-cat-config .bp-stripe, .bp-topology .bp-cat-secret .bp-stripe { fill: var(--vscode-charts-yellow, #bf8700); }
.bp-topology .bp-cat-config > rect.bp-box, .bp-topology .bp-cat-secret > rect.bp-box { stroke: var(--vscode-charts-yellow, #bf8700); }
.bp-topology .bp-cat-storage .bp-stripe, .bp-topology .bp-cat-external .bp-stripe { fill: var(--vscode-charts-orange, #bc4c00); }
.bp-topology .bp-cat-storage > rect.bp-box, .bp-topology .bp-cat-external > rect.bp-box { stroke: var(--vscode-charts-orange, #bc4c00); }
.bp-topology .bp-cat-policy .bp-stripe { fill: var(--vscode-charts-red, #cf222e); }
.bp-topology .bp-cat-policy > rect.bp-box { stroke: var(--vscode-charts-red, #cf222e); stroke-dasharray: 5 2; }
.bp-topology .bp-cat-gitops .bp-stripe, .bp-topology .bp-cat-argo .bp-stripe { fill: var(--vscode-charts-blue, #1a73e8); }
.bp-topology .bp-cat-source .bp-stripe { fill: var(--vscode-charts-purple, #8250df); }
.bp-topology .bp-cat-source > rect.bp-box { stroke: var(--vscode-charts-purple, #8250df); }
.bp-topology .bp-cat-helm .bp-stripe { fill: var(--vscode-charts-green, #1a7f37); }
.bp-topology .bp-cat-helm > rect.bp-box { stroke: var(--vscode-charts-green, #1a7f37); }
.bp-topology .bp-cat-terraform .bp-stripe { fill: var(--vscode-charts-purple, #8250df); }
.bp-topology .bp-cat-other .bp-stripe { fill: var(--vscode-descriptionForeground, #57606a); }
.bp-topology .bp-cat-other > rect.bp-box { stroke: var(--vscode-descriptionForeground, #57606a); }
.bp-topology .bp-missing > rect.bp-box { stroke-dasharray: 4 3; fill-opacity: 0.4; }
.bp-topology .bp-missing .bp-name { font-style: italic; }
.bp-topology .bp-node.bp-selected > rect.bp-box { stroke: var(--vscode-focusBorder, #0969da); stroke-width: 3; }
.bp-topology .bp-node { cursor: pointer; }
.bp-topology .bp-node:focus { outline: none; }
.bp-topology .bp-node:focus > rect.bp-box { stroke-width: 3; }
.bp-topology .bp-badge circle { stroke: var(--vscode-editor-background, #ffffff); stroke-width: 1.5; }
.bp-topology .bp-badge text { font-size: 10px; font-weight: 700; fill: #ffffff; }
.bp-topology .bp-sev-error circle { fill: var(--vscode-editorError-foreground, #d1242f); }
.bp-topology .bp-sev-warning circle { fill: var(--vscode-editorWarning-foreground, #bf8700); }
.bp-topology .bp-sev-info circle { fill: var(--vscode-editorInfo-foreground, #0969da); }
.bp-topology .bp-sev-hint circle { fill: var(--vscode-descriptionForeground, #57606a); }
.bp-topology .bp-edge path { fill: none; stroke: var(--vscode-descriptionForeground, #57606a); stroke-width: 1.4; }
.bp-topology .bp-edge text { font-size: 10px; fill: var(--vscode-descriptionForeground, #57606a); }
.bp-topology .bp-edge .bp-label-bg { fill: var(--vscode-editor-background, #ffffff); fill-opacity: 0.85; stroke: none; }
.bp-topology .bp-edge-routes-to path { stroke: var(--vscode-charts-purple, #8250df); stroke-width: 2; }
.bp-topology .bp-edge-selects path { stroke: var(--vscode-charts-blue, #1a73e8); stroke-width: 2; }
.bp-topology .bp-edge-connects-to path { stroke: var(--vscode-charts-orange, #bc4c00); stroke-width: 2; }
.bp-topology .bp-edge-mounts path { stroke: var(--vscode-charts-orange, #bc4c00); stroke-dasharray: 6 3; }
.bp-topology .bp-edge-uses-secret path, .bp-topology .bp-edge-references path { stroke-dasharray: 2 3; }
.bp-topology .bp-edge-uses-secret path { stroke: var(--vscode-charts-yellow, #bf8700); }
.bp-topology .bp-edge-allowed-by-policy path { stroke: var(--vscode-charts-green, #1a7f37); stroke-dasharray: 6 3; }
.bp-topology .bp-edge-blocked path { stroke: var(--vscode-editorError-foreground, #d1242f); stroke-width: 2; stroke-dasharray: 3 3; }
.bp-topology .bp-edge-depends-on path { stroke: var(--vscode-charts-blue, #1a73e8); stroke-width: 2; }
.bp-topology .bp-edge.bp-tls path { stroke-width: 2.6; }
.bp-topology .bp-edge.bp-tls text { fill: var(--vscode-charts-green, #1a7f37); font-weight: 700; }
.bp-topology .bp-edge.bp-plain text { fill: var(--vscode-editorWarning-foreground, #bf8700); }
.bp-topology .bp-edge.bp-cycle path { stroke: var(--vscode-editorError-foreground, #d1242f); stroke-width: 2.6; }
.bp-topology .bp-edge.bp-cycle text { fill: var(--vscode-editorError-foreground, #d1242f); font-weight: 700; }
.bp-topology .bp-arrow { fill: var(--vscode-descriptionForeground, #57606a); }
.bp-topology .bp-arrow-routes-to { fill: var(--vscode-charts-purple, #8250df); }
.bp-topology .bp-arrow-selects, .bp-topology .bp-arrow-depends-on { fill: var(--vscode-charts-blue, #1a73e8); }
.bp-topology .bp-arrow-connects-to, .bp-topology .bp-arrow-mounts { fill: var(--vscode-charts-orange, #bc4c00); }
.bp-topology .bp-arrow-uses-secret { fill: var(--vscode-charts-yellow, #bf8700); }
.bp-topology .bp-arrow-allowed-by-policy { fill: var(--vscode-charts-green, #1a7f37); }
.bp-topology .bp-arrow-blocked, .bp-topology .bp-arrow-cycle { fill: var(--vscode-editorError-foreground, #d1242f); }
.bp-topology .bp-dim { opacity: 0.25; }
.bp-topology .bp-empty { font-size: 14px; fill: var(--vscode-descriptionForeground, #57606a); }
`;
