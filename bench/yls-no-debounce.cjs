// yaml-language-server with its validation debounce (SettingsState.validationDelayMs,
// 200 ms, not a setting) set to 0, to measure its own validation time.
const settings = require('yaml-language-server/out/server/src/yamlSettings');
const Original = settings.SettingsState;
settings.SettingsState = class extends Original {
  constructor() {
    super();
    this.validationDelayMs = 0;
  }
};
process.env.YAML_LANGUAGE_SERVER_VERSION = require('yaml-language-server/package.json').version;
require('yaml-language-server/out/server/src/server.js');
