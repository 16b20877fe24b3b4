#!/usr/bin/env node
import { createRequire as __opsgateCreateRequire } from 'node:module';
import { fileURLToPath as __opsgateFileURLToPath } from 'node:url';
import { dirname as __opsgateDirname } from 'node:path';
const require = __opsgateCreateRequire(import.meta.url);
const __filename = __opsgateFileURLToPath(import.meta.url);
const __dirname = __opsgateDirname(__filename);
import {
  loadCheck
} from "./chunk-D3GYXHBR.js";
import {
  rbacCheck
} from "./chunk-5G6UU5RW.js";
import {
  restoreCheck
} from "./chunk-DQQFGI7I.js";
import "./chunk-GD74NGIS.js";
import {
  contextForFollowUp,
  describePublish,
  publish
} from "./chunk-UFO3XMUB.js";
import {
  createGitHubClient
} from "./chunk-I3KIDUO6.js";
import "./chunk-B6DWUJ3H.js";
import {
  runSignoff
} from "./chunk-XGEPF3XZ.js";
import "./chunk-AWARA4KL.js";
import {
  abuseCheck
} from "./chunk-7LF4MUNY.js";
import "./chunk-LSV56N5A.js";
import {
  dastCheck
} from "./chunk-3AFIIJWG.js";
import {
  dbCheck
} from "./chunk-EQWUH3DY.js";
import "./chunk-LHW527M6.js";
import {
  faultCheck
} from "./chunk-WIXBLYZI.js";
import "./chunk-GP73ULPT.js";
import "./chunk-ZFHDOI2C.js";
import "./chunk-QRYG3CMW.js";
import {
  headersCheck
} from "./chunk-HVYEQPL6.js";
import "./chunk-WKJ2YTJB.js";
import "./chunk-RPOAYL32.js";
import "./chunk-TYMPRZ6X.js";
import "./chunk-NRWEKI4R.js";
import {
  buildContext,
  installRedactingOutput,
  localEvidenceStore,
  runCheck,
  selectConfiguredChecks,
  singleCheckPolicy
} from "./chunk-ZBHBXFHI.js";
import {
  evidencePath,
  readEvidenceFile,
  writeReports
} from "./chunk-F4N7O6A5.js";
import {
  readGitHubContext
} from "./chunk-7YA2V6B3.js";
import "./chunk-ODXVANJO.js";
import "./chunk-SO5POORH.js";
import {
  policyFor,
  runGate,
  severityAtLeast,
  thresholdStatus
} from "./chunk-DDRZDHRK.js";
import {
  builtInDrill,
  loadDrill
} from "./chunk-H6NLF7E3.js";
import {
  require_dist
} from "./chunk-SWQS7YNX.js";
import {
  formatDuration
} from "./chunk-YILOGUBB.js";
import {
  loadConfig,
  parseYamlConfig,
  variablesByCheck,
  variablesOfChecks
} from "./chunk-ZC7YIYEL.js";
import {
  PLACEHOLDER,
  placeholdersIn
} from "./chunk-BHXNDFSK.js";
import {
  writeFileAtomic
} from "./chunk-NA4JMHHY.js";
import {
  statusIcon,
  verdictIcon
} from "./chunk-MT7WXE72.js";
import {
  CHECK_NAMES,
  ENV_REFERENCE
} from "./chunk-4AFMPRTR.js";
import {
  ownershipLabel
} from "./chunk-YUAPXZBY.js";
import "./chunk-7HPKJNE2.js";
import "./chunk-3ZMT66VX.js";
import {
  untrustedCell,
  untrustedText
} from "./chunk-QAYL33UC.js";
import "./chunk-NHLNGWDM.js";
import "./chunk-EL2BHP6N.js";
import {
  describeAction
} from "./chunk-KAEF76QS.js";
import {
  ConfigError,
  ExitCode,
  TargetUnreachableError
} from "./chunk-OSGOEP7K.js";
import {
  durationMs,
  redact,
  registerSecret
} from "./chunk-MLKP6OQN.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-4GQUXEY7.js";

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports.Argument = Argument2;
    exports.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) result.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result.has(group)) {
            result.set(group, []);
          }
          result.get(group).push(item);
        });
        return result;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        const rawLines = str.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports.Help = Help2;
    exports.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading) {
        this.helpGroupHeading = heading;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => {
        return str2 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports.Option = Option2;
    exports.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports) {
    var maxDistance = 3;
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports) {
    var EventEmitter = __require("node:events").EventEmitter;
    var childProcess = __require("node:child_process");
    var path13 = __require("node:path");
    var fs = __require("node:fs");
    var process2 = __require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result = [];
        for (let command = this; command; command = command.parent) {
          result.push(command);
        }
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command);
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path13.resolve(baseDir, baseName);
          if (fs.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path13.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path13.resolve(
            path13.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path13.basename(
              this._scriptPath,
              path13.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path13.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1;
          if (!exitCallback) {
            process2.exit(code);
          } else {
            exitCallback(
              new CommanderError2(
                code,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result = this._chainOrCall(result, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code = config.code || "commander.error";
        this._exit(exitCode, code, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          );
          const positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command = this;
          do {
            const moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name());
            if (command.alias()) candidateNames.push(command.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`);
          this._exit(0, "commander.version", str);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        if (str === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        if (str === void 0) return this._summary;
        this._summary = str;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command = this.commands[this.commands.length - 1];
        }
        if (alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        if (str === void 0) return this._name;
        this._name = str;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading) {
        if (heading === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading) {
        if (heading === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading) {
        if (heading === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path13.basename(filename, path13.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path14) {
        if (path14 === void 0) return this._executableDir;
        this._executableDir = path14;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text = helper.formatHelp(this, helper);
        if (context.hasColors) return text;
        return this._outputConfiguration.stripColor(text);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str) => this._outputConfiguration.writeErr(str);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str) => this._outputConfiguration.writeOut(str);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str) => {
          if (!hasColors) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text === "function") {
            helpStr = text({ error: context.error, command: context.command });
          } else {
            helpStr = text;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports.Command = Command2;
    exports.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports.program = new Command2();
    exports.createCommand = (name) => new Command2(name);
    exports.createOption = (flags, description) => new Option2(flags, description);
    exports.createArgument = (name, description) => new Argument2(name, description);
    exports.Command = Command2;
    exports.Option = Option2;
    exports.Argument = Argument2;
    exports.Help = Help2;
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
    exports.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1);
var {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// src/checks/index.ts
var checks = {
  headers: headersCheck,
  load: loadCheck,
  rbac: rbacCheck,
  abuse: abuseCheck,
  restore: restoreCheck,
  dast: dastCheck,
  db: dbCheck,
  fault: faultCheck
};

// src/cli/console-report.ts
function consoleReport(gate) {
  const lines = [];
  for (const c of gate.checks) {
    lines.push(`${verdictIcon[c.verdict]} ${c.check.padEnd(8)} ${c.verdict.padEnd(5)} ${c.summary}`);
    for (const r of c.controls.filter((x) => ["fail", "error", "warn"].includes(x.status))) {
      const detail = [r.expected && `expected ${r.expected}`, r.actual && `got ${r.actual}`].filter(Boolean).join(", ");
      lines.push(
        `     ${r.status.padEnd(5)} ${r.name}${detail ? ` (${detail})` : ""}${r.detail ? ` — ${r.detail}` : ""}`
      );
    }
  }
  for (const s of gate.skipped ?? []) lines.push(`skipped: ${s.check} — ${s.reason}`);
  lines.push(
    `gate: ${gate.passed ? gate.verdict === "skip" ? "not failed (skipped)" : "passed" : "FAILED"} (${gate.verdict})`
  );
  return lines.join("\n");
}

// src/cli/commands/check-command.ts
function registerCheckCommand(program2, check) {
  const cmd = program2.command(check.name).description(check.description);
  check.addOptions?.(cmd);
  cmd.action(async (options) => {
    const ctx = await buildContext(program2.opts(), options, [check.name]);
    const { evidence, evidenceFile } = await runCheck(check, ctx);
    const gate = runGate([evidence], singleCheckPolicy(ctx.config));
    console.log(consoleReport(gate));
    console.log(`evidence: ${evidenceFile}`);
    if (evidence.verdict === "error") {
      console.error(`opsgate: ${evidence.error?.message ?? "check failed to run"}`);
      process.exitCode = ExitCode.runtime;
    } else process.exitCode = gate.passed ? ExitCode.ok : ExitCode.gateFailed;
  });
}

// src/cli/commands/gate.ts
import path from "node:path";
function registerGate(program2) {
  program2.command("gate").description("combine all evidence in the out dir into one verdict; writes report.md and junit.xml").action(async () => {
    const opts = program2.opts();
    const { config } = await loadConfig(opts.config, process.env, []);
    const gate = await writeReports(opts.out, config);
    if (!gate.checks.length)
      throw new ConfigError(`no evidence in ${path.join(opts.out, "evidence")}: run a check first`);
    console.log(consoleReport(gate));
    console.log(`report: ${path.join(path.resolve(opts.out), "report.md")}`);
    process.exitCode = gate.passed ? ExitCode.ok : ExitCode.gateFailed;
  });
}

// src/cli/commands/validate.ts
function registerValidate(program2) {
  program2.command("validate").description(
    "check opsgate.yml (every problem with its YAML path and line) and list the variables each check needs"
  ).action(async () => {
    const file = program2.opts().config;
    const { file: abs, raw } = await loadConfig(file, process.env, [], { crossReferences: true });
    const sections = CHECK_NAMES.filter((k) => raw[k] !== void 0);
    console.log(`${abs}: valid (${sections.join(", ") || "no checks configured"})`);
    const rows = variablesByCheck(raw, process.env).filter((r) => r.variables.length);
    if (rows.length) console.log("environment variables each check needs:");
    const width = Math.max(...rows.map((r) => r.check.length));
    for (const { check, variables } of rows)
      console.log(
        `  ${check.padEnd(width)}  ${variables.map((v) => `${v.name} (${v.set ? v.hasDefault ? "default" : "set" : "UNSET"})`).join(", ")}`
      );
    const unset = rows.flatMap(
      (r) => r.variables.filter((v) => !v.set).map((v) => ({ ...v, check: r.check }))
    );
    if (unset.length)
      throw new ConfigError(
        [...new Set(unset.map((u) => u.name))].map((name) => ({
          path: "",
          message: `environment variable ${name} is not set (needed by ${unset.filter((u) => u.name === name).map((u) => u.check).join(", ")})`
        }))
      );
  });
}

// src/cli/commands/demo.ts
import { existsSync } from "node:fs";
import path2 from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
function registerDemo(program2) {
  program2.command("demo").description("run the monthly drill against the embedded demo target (from a checkout of opsgate)").option("--flaws <list>", "demo target flaws to switch on, comma-separated", process.env.DEMO_FLAWS ?? "").action(async (opts) => {
    const runner = findDemoRunner();
    const { runDemo } = await import(pathToFileURL(runner).href);
    const flaws = opts.flaws.split(",").map((f) => f.trim()).filter(Boolean);
    process.exitCode = await runDemo({ outDir: program2.opts().out, flaws });
  });
}
function findDemoRunner() {
  let dir = path2.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path2.dirname(dir)) {
    const candidate = path2.join(dir, "scripts", "lib", "demo-run.ts");
    if (existsSync(candidate)) return candidate;
  }
  throw new ConfigError(
    "opsgate demo runs from a checkout of the opsgate repository: git clone, npm ci, npm run demo"
  );
}

// src/cli/commands/drill.ts
import { existsSync as existsSync2 } from "node:fs";

// src/cli/run-drill.ts
import path3 from "node:path";
function configuredChecks(ctx, wanted) {
  return selectConfiguredChecks(ctx.config, wanted, checks);
}
async function runDrill(drill, ctx) {
  const { run, skipped } = configuredChecks(ctx, drill.checks);
  for (const s of skipped) ctx.log(`- ${s.check}: skipped (${s.reason})`);
  const evidence = [];
  for (const [i, name] of run.entries()) {
    if (ctx.signal.aborted) break;
    ctx.log(`[${i + 1}/${run.length}] ${name}…`);
    const started = Date.now();
    const { evidence: e } = await runCheck(checks[name], ctx);
    evidence.push(e);
    ctx.log(
      `[${i + 1}/${run.length}] ${name}: ${e.verdict} in ${((Date.now() - started) / 1e3).toFixed(1)} s — ${e.summary}`
    );
    if (!drill["continue-on-failure"] && !["pass", "warn", "skip"].includes(e.verdict)) break;
  }
  const gate = await writeReports(ctx.outDir, ctx.config, evidence);
  return { ran: run, skipped, evidence, gate, reportPath: path3.join(ctx.outDir, "report.md") };
}

// src/cli/commands/drill.ts
var DEFAULT_DRILL = "drills/monthly.yml";
function registerDrill(program2) {
  program2.command("drill").description("run a drill (default drills/monthly.yml): its checks in order, then the gate").option("--drill <file>", "drill definition (default: drills/monthly.yml when present, else every check)").action(async (opts) => {
    const drill = opts.drill || existsSync2(DEFAULT_DRILL) ? await loadDrill(opts.drill ?? DEFAULT_DRILL) : builtInDrill();
    const ctx = await buildContext(program2.opts(), {}, drill.checks);
    if (!configuredChecks(ctx, drill.checks).run.length)
      throw new ConfigError(
        `none of the drill's checks (${drill.checks.join(", ")}) is configured in opsgate.yml: add a section, e.g. \`headers: { paths: [/] }\` (docs/config-reference.md), then run opsgate drill again`
      );
    const outcome = await runDrill(drill, ctx);
    console.log(consoleReport(outcome.gate));
    console.log(`report: ${outcome.reportPath}`);
    process.exitCode = drillExitCode(
      outcome.evidence.some((e) => e.verdict === "error"),
      outcome.gate.passed
    );
  });
}
function drillExitCode(crashed, passed) {
  if (crashed) return ExitCode.runtime;
  return passed ? ExitCode.ok : ExitCode.gateFailed;
}

// src/cli/commands/init.ts
import { existsSync as existsSync3 } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path4 from "node:path";

// src/cli/init/gitignore.ts
var import_yaml = __toESM(require_dist(), 1);
function ignoredPaths(configText, outDir = "opsgate-out") {
  const raw = (0, import_yaml.parse)(configText) ?? {};
  const entries = [`${outDir.replace(/\/+$/, "")}/`, ".opsgate/"];
  const backup = raw.restore?.backup;
  const candidates = [raw.store?.dir, backup?.kind === "path" ? backup.path : backup?.dir];
  for (const c of candidates) {
    if (typeof c !== "string" || /\$\{|^\/|^~|(^|\/)\.\.(\/|$)/.test(c)) continue;
    const entry = c.replace(/^\.\//, "");
    if (!entry.startsWith(".opsgate/") && !entries.includes(entry)) entries.push(entry);
  }
  return entries;
}
function extendGitignore(current, entries) {
  const have = new Set((current ?? "").split("\n").map((l) => l.trim()));
  const missing = entries.filter((e) => !have.has(e) && !have.has(`/${e}`));
  if (!missing.length) return void 0;
  const base = current ? (current.endsWith("\n") ? current : `${current}
`) + "\n" : "";
  return `${base}# opsgate: evidence, local store, backups
${missing.join("\n")}
`;
}

// src/cli/init/init-options.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";
var git = promisify(execFile);
var REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?\/[A-Za-z0-9._-]{1,100}$/;
var REF = /^[A-Za-z0-9_](?:[A-Za-z0-9._/-]{0,253}[A-Za-z0-9_])?$/;
function badRef(ref) {
  return !REF.test(ref) || /\.\.|\/\/|\/\.|\.lock$|\.lock\//.test(ref);
}
function checkActionRepo(repo) {
  const name = repo.split("/")[1];
  if (!REPO.test(repo) || name === "." || name === "..")
    throw new ConfigError(
      `--action-repo "${repo}" is not a GitHub repository: expected OWNER/REPO, e.g. acme/opsgate`
    );
  return repo;
}
function checkRef(flag, ref) {
  const combined = /^([^@\s]+\/[^@\s]+)@(\S+)$/.exec(ref);
  if (combined)
    throw new ConfigError(
      `${flag} "${ref}" names a repository too: use --action-repo ${combined[1]} ${flag} ${combined[2]}`
    );
  if (badRef(ref))
    throw new ConfigError(
      `${flag} "${ref}" is not a tag, branch or commit SHA (e.g. v1.2.3, main or a 40-hex SHA)`
    );
  return ref;
}
async function gitOut(dir, args) {
  try {
    const { stdout } = await git("git", ["-C", dir, ...args], { timeout: 5e3 });
    return stdout.trim() || void 0;
  } catch {
    return void 0;
  }
}
async function detectDefaultBranch(dir) {
  const remote = await gitOut(dir, ["symbolic-ref", "--short", "refs/remotes/origin/HEAD"]);
  if (remote) return remote.replace(/^origin\//, "");
  const current = await gitOut(dir, ["symbolic-ref", "--short", "HEAD"]);
  const hasCommits = Boolean(await gitOut(dir, ["rev-parse", "--verify", "--quiet", "HEAD"]));
  if (current && !hasCommits) return current;
  const configured = await gitOut(dir, ["config", "init.defaultBranch"]);
  for (const candidate of [configured, "main", "master"])
    if (candidate && await gitOut(dir, ["rev-parse", "--verify", "--quiet", `refs/heads/${candidate}`]))
      return candidate;
  return current ?? "main";
}

// src/cli/init/pinned-actions.ts
var pinnedActions = {
  checkout: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
  uploadArtifact: "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0",
  downloadArtifact: "actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c # v8.0.1"
};
var OPSGATE_ACTIONS_REPO = "opsgate/opsgate";
var OPSGATE_DEFAULT_REF = "v0.1.0";

// src/cli/init/starter-files.ts
function schemaComment(actionRepo, actionRef) {
  return `# yaml-language-server: $schema=https://raw.githubusercontent.com/${actionRepo}/${actionRef}/schema/opsgate.schema.json
`;
}
var starterConfig = `# opsgate.yml: the promises opsgate measures and gates.
# Reference: docs/config-reference.md. Values like \${NAME} come from the environment: the
# workflows' env: blocks (repository variables and secrets); \`opsgate validate\` lists what each
# check needs.
version: 1

target:
  base-url: \${OPSGATE_TARGET_URL}
  name: staging
  # Requests that change data only run where this is true and the host is allow-listed.
  allow-destructive: false

gate:
  # Unsuppressed findings at or above this severity fail the gate; lower ones warn.
  fail-on-severity: medium
  # Checks whose evidence must be present; a missing one fails the gate.
  required: []

# Each check runs when its section is present (its action skips with a notice otherwise).
# The first promise: the home page's security headers, CORS and cookie flags.
headers:
  paths: [/]

# Add the others as you go; see docs/checks/<check>.md for every option:
#   load:     k6 load profiles, p95/error-rate thresholds, regression against the PR base
#   rbac:     the role x endpoint access matrix
#   abuse:    login lockout and rate limits
#   dast:     ZAP baseline scan
#   restore:  PostgreSQL restore drill with an RTO
`;
var starterDrill = `# The monthly drill: what it runs, in which order, and who signs it off.
# Used by .github/workflows/monthly-drill.yml.
name: monthly
description: Every promise in opsgate.yml measured against the deployed target, once a month.
# Abuse runs last: it trips login and rate limiters on purpose.
checks: [headers, load, rbac, dast, restore, abuse]
continue-on-failure: true
sign-off:
  required: true
  # GitHub logins allowed to sign off (a ticked checkbox or a \`/signoff\` comment on the drill issue).
  approvers: []
max-days-between-drills: 35
`;

// src/cli/init/workflow-env.ts
var import_yaml2 = __toESM(require_dist(), 1);
function workflowEnv(configText, checks2) {
  const raw = (0, import_yaml2.parse)(configText) ?? {};
  const refs = variablesOfChecks(raw, checks2).filter((r) => !r.hasDefault);
  if (!refs.length) return "";
  const lines = refs.map((r) => `  ${r.name}: \${{ ${r.plain ? "vars" : "secrets"}.${r.name} }}`);
  return `# What opsgate.yml reads from the environment: repository variables (vars) and secrets.
env:
${lines.join("\n")}
`;
}
function envSources(block) {
  const of = (kind) => [...block.matchAll(new RegExp(`\\$\\{\\{ ${kind}\\.(\\w+) \\}\\}`, "g"))].map((m) => m[1]);
  return { vars: of("vars"), secrets: of("secrets") };
}

// src/cli/init/workflow-templates.ts
var PR_CHECKS = ["headers", "load", "rbac"];
var DRILL_CHECKS = ["headers", "load", "rbac", "dast", "restore", "abuse"];
var repoOf = (opts) => opts.actionRepo ?? OPSGATE_ACTIONS_REPO;
var header = (what, opts) => `# ${what}
# Written by \`opsgate init\`; see https://github.com/${repoOf(opts)}/blob/${opts.actionRef ?? OPSGATE_DEFAULT_REF}/docs/actions.md
`;
var envOf = (opts, checks2) => workflowEnv(opts.configText ?? starterConfig, checks2);
function action(name, ref, opts) {
  return `${repoOf(opts)}/actions/${name}@${ref}`;
}
function gateSteps(title, ref, opts, note) {
  return `    steps:
      - uses: ${pinnedActions.checkout}
        with:
          persist-credentials: false
      - uses: ${pinnedActions.downloadArtifact}
        with:
          name: opsgate-pr-evidence
          path: opsgate-artifacts
${note ? `      ${note}
` : ""}      - name: ${title}
        uses: ${action("gate", ref, opts)}
        with:
          evidence-dirs: opsgate-artifacts
          comment-key: pr-checks
`;
}
function prChecksWorkflow(opts = {}) {
  const ref = opts.actionRef ?? OPSGATE_DEFAULT_REF;
  return `${header("opsgate PR checks: fast checks against the configured target, the sticky PR comment and the gate.", opts)}
name: opsgate PR checks

on:
  pull_request:
    types: [opened, synchronize, reopened]
  # Runs on the default branch record the baselines pull requests are compared with.
  push:
    branches: [${opts.defaultBranch ?? "main"}]

permissions: {}

concurrency:
  group: opsgate-pr-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: \${{ github.event_name == 'pull_request' }}

${envOf(opts, PR_CHECKS)}
jobs:
  checks:
    name: checks
    runs-on: ubuntu-latest
    timeout-minutes: 20
    permissions:
      contents: read
    steps:
      - uses: ${pinnedActions.checkout}
        with:
          persist-credentials: false
      - name: Security headers
        uses: ${action("headers", ref, opts)}
        with:
          publish: false
      - name: Load (compared with the PR base)
        if: \${{ !cancelled() }}
        uses: ${action("load", ref, opts)}
        with:
          publish: false
          baseline-commit: \${{ github.event.pull_request.base.sha }}
      - name: Access control matrix
        if: \${{ !cancelled() }}
        uses: ${action("rbac", ref, opts)}
        with:
          publish: false
      - name: Remember the pull request for the fork follow-up
        if: \${{ !cancelled() }}
        env:
          PR_NUMBER: \${{ github.event.pull_request.number || '' }}
        run: mkdir -p opsgate-out && echo "$PR_NUMBER" > opsgate-out/pull-request-number
      - uses: ${pinnedActions.uploadArtifact}
        if: \${{ !cancelled() }}
        with:
          name: opsgate-pr-evidence
          path: opsgate-out
          retention-days: 30

  # Trust decides what a run writes (docs/github.md): a pull request writes only its comment,
  # so its job holds no write access to contents or issues.
  gate:
    name: gate
    needs: checks
    if: \${{ !cancelled() && github.event_name == 'pull_request' }}
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: read
      pull-requests: write # the sticky comment
${gateSteps("Gate", ref, opts, "# On a fork PR the token is read-only: the gate still decides, and publish-fork.yml posts.")}
  # A push to the default branch is trusted: it records the baselines pull requests compare
  # with and keeps one issue per failing control.
  record:
    name: record
    needs: checks
    if: \${{ !cancelled() && github.event_name == 'push' }}
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      contents: write # the evidence store branch (baselines for later pull requests)
      issues: write # one issue per failing control
${gateSteps("Gate and record", ref, opts)}`;
}
function publishForkWorkflow(opts = {}) {
  const ref = opts.actionRef ?? OPSGATE_DEFAULT_REF;
  return `${header("opsgate publish for fork PRs: posts the evidence a fork PR produced, from trusted code.", opts)}
name: opsgate publish (fork PRs)

on:
  workflow_run:
    workflows: [opsgate PR checks]
    types: [completed]

permissions: {}

concurrency:
  group: opsgate-publish-\${{ github.event.workflow_run.id }}
  cancel-in-progress: false

jobs:
  publish:
    name: publish
    # Only fork PRs need this; same-repo PRs published from the PR workflow itself.
    if: >-
      github.event.workflow_run.event == 'pull_request' &&
      github.event.workflow_run.head_repository.full_name != github.repository
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      actions: read
      contents: read
      pull-requests: write # the sticky comment, marked unverified: a fork run writes nothing else
    steps:
      # The default branch: the fork's code is never checked out or run here.
      - uses: ${pinnedActions.checkout}
        with:
          persist-credentials: false
      - uses: ${pinnedActions.downloadArtifact}
        with:
          name: opsgate-pr-evidence
          path: opsgate-artifacts
          run-id: \${{ github.event.workflow_run.id }}
          github-token: \${{ github.token }}
      - name: Read the pull request number (untrusted input, validated)
        id: pr
        run: |
          number="$(head -c 20 opsgate-artifacts/pull-request-number | tr -d '[:space:]')"
          if ! [[ "$number" =~ ^[1-9][0-9]*$ ]]; then
            echo "::error::pull-request-number in the artifact is not a number"
            exit 1
          fi
          echo "number=$number" >> "$GITHUB_OUTPUT"
      - name: Publish and gate
        uses: ${action("gate", ref, opts)}
        with:
          evidence-dirs: opsgate-artifacts
          pull-request: \${{ steps.pr.outputs.number }}
          comment-key: pr-checks
`;
}
function monthlyDrillWorkflow(opts = {}) {
  const ref = opts.actionRef ?? OPSGATE_DEFAULT_REF;
  const checkStep = (title, name, extra = "") => `      - name: ${title}
        if: \${{ !cancelled() }}
        uses: ${action(name, ref, opts)}
        with:
          publish: false${extra}
`;
  return `${header('opsgate monthly drill: every promise measured on the 1st, a "Drill YYYY-MM" issue with the results and a sign-off.', opts)}
name: opsgate monthly drill

on:
  schedule:
    - cron: "17 6 1 * *"
  workflow_dispatch:
  issue_comment:
    types: [created]
  issues:
    types: [edited]

permissions: {}

concurrency:
  group: opsgate-drill-\${{ github.event.issue.number || 'run' }}
  cancel-in-progress: false

${envOf(opts, DRILL_CHECKS)}
jobs:
  drill:
    name: drill
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    timeout-minutes: 120
    permissions:
      contents: write # the evidence store branch
      issues: write # the drill issue and one issue per failing control
      security-events: write # SARIF of the DAST findings
    steps:
      - uses: ${pinnedActions.checkout}
        with:
          persist-credentials: false
      - name: Drill month
        id: month
        run: echo "month=$(date -u +%Y-%m)" >> "$GITHUB_OUTPUT"
${checkStep("Security headers", "headers")}${checkStep("Load", "load")}${checkStep("Access control matrix", "rbac")}${checkStep("DAST", "dast")}${checkStep("Restore drill", "restore-drill")}${checkStep("Abuse controls, last because they trip limiters", "abuse")}      - name: Gate and publish
        id: gate
        if: \${{ !cancelled() }}
        uses: ${action("gate", ref, opts)}
        with:
          comment-key: monthly-drill
          drill: \${{ steps.month.outputs.month }}
      - uses: ${pinnedActions.uploadArtifact}
        if: \${{ !cancelled() }}
        with:
          name: opsgate-drill-\${{ steps.month.outputs.month }}
          path: opsgate-out
          retention-days: 90

  signoff:
    name: sign-off
    if: >-
      (github.event_name == 'issue_comment' || github.event_name == 'issues') &&
      contains(github.event.issue.labels.*.name, 'opsgate-drill')
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: write # the drill log in the evidence store
      issues: write
    steps:
      - uses: ${pinnedActions.checkout}
        with:
          persist-credentials: false
      - name: Record the sign-off
        id: signoff
        uses: ${action("signoff", ref, opts)}
      - name: Confirm on the issue
        if: steps.signoff.outputs.signed-off == 'true'
        env:
          GH_TOKEN: \${{ github.token }}
          NUMBER: \${{ github.event.issue.number }}
          APPROVER: \${{ steps.signoff.outputs.approver }}
          DRILL: \${{ steps.signoff.outputs.drill }}
        run: gh issue comment "$NUMBER" --repo "$GITHUB_REPOSITORY" --body "Sign-off of Drill $DRILL by @$APPROVER recorded in the drill log."
`;
}
function workflowFiles(opts = {}) {
  return {
    "monthly-drill.yml": monthlyDrillWorkflow(opts),
    "pr-checks.yml": prChecksWorkflow(opts),
    "publish-fork.yml": publishForkWorkflow(opts)
  };
}

// src/cli/commands/init.ts
function initFiles(opts = {}) {
  const repo = opts.actionRepo ?? OPSGATE_ACTIONS_REPO;
  const config = opts.configText ?? schemaComment(repo, opts.actionRef ?? OPSGATE_DEFAULT_REF) + starterConfig;
  const files = opts.workflowsOnly ? {} : { "opsgate.yml": config, "drills/monthly.yml": starterDrill };
  for (const [name, content] of Object.entries(workflowFiles({ ...opts, configText: config })))
    files[path4.join(".github", "workflows", name)] = content;
  return files;
}
async function runInit(opts) {
  const root = path4.resolve(opts.dir);
  const settings = {
    actionRepo: checkActionRepo(opts.actionRepo ?? OPSGATE_ACTIONS_REPO),
    actionRef: checkRef("--action-ref", opts.actionRef ?? OPSGATE_DEFAULT_REF),
    defaultBranch: checkRef("--default-branch", opts.defaultBranch ?? await detectDefaultBranch(root))
  };
  if (opts.workflowsOnly) {
    const configFile = path4.join(root, "opsgate.yml");
    if (!existsSync3(configFile))
      throw new ConfigError(`--workflows-only: ${configFile} not found (run opsgate init without it first)`);
    settings.configText = await readFile(configFile, "utf8");
  }
  const files = initFiles({ ...settings, workflowsOnly: opts.workflowsOnly });
  const existing = Object.keys(files).filter((f) => existsSync3(path4.join(root, f)));
  if (existing.length && !opts.force)
    throw new ConfigError(
      existing.map((f) => ({ path: "", message: `${f} already exists (use --force to overwrite)` }))
    );
  const gitignoreFile = path4.join(root, ".gitignore");
  const gitignore = extendGitignore(
    await readFile(gitignoreFile, "utf8").catch(() => void 0),
    ignoredPaths(files["opsgate.yml"] ?? settings.configText ?? "")
  );
  if (gitignore !== void 0) files[".gitignore"] = gitignore;
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path4.dirname(path4.join(root, file)), { recursive: true });
    await writeFile(path4.join(root, file), content);
  }
  return Object.keys(files);
}
function registerInit(program2) {
  program2.command("init").description(
    "write the opsgate workflows into .github/workflows, a starter opsgate.yml, drills/monthly.yml and .gitignore entries"
  ).option("--dir <dir>", "repository root to write into", ".").option("--force", "overwrite existing files").option(
    "--action-repo <owner/repo>",
    `repository of the opsgate actions (default ${OPSGATE_ACTIONS_REPO})`
  ).option("--action-ref <ref>", `tag or commit SHA of the opsgate actions (default ${OPSGATE_DEFAULT_REF})`).option("--default-branch <branch>", "branch whose pushes record baselines (default: detected from git)").option("--workflows-only", "keep opsgate.yml; rewrite the workflows with the env: its checks need").action(async (opts) => {
    const written = await runInit(opts);
    for (const f of written) console.log(`wrote ${path4.join(opts.dir, f)}`);
    const drill = await readFile(path4.join(opts.dir, ".github/workflows/monthly-drill.yml"), "utf8");
    const { vars, secrets } = envSources(drill);
    const set = [
      vars.length ? `repository variables ${vars.join(", ")}` : "",
      secrets.length ? `secrets ${secrets.join(", ")}` : ""
    ].filter(Boolean);
    console.log(
      `next: ${set.length ? `set the ${set.join(" and ")} (Settings → Secrets and variables → Actions), ` : ""}list approvers in drills/monthly.yml, run \`opsgate validate\` (it lists the variables each check needs).`
    );
  });
}

// src/cli/commands/publish.ts
import { existsSync as existsSync4 } from "node:fs";
import path5 from "node:path";
function registerPublish(program2) {
  program2.command("publish").description(
    "publish the evidence in the out dir to GitHub: PR comment, issues, job summary, evidence store"
  ).option("--pr <number>", "pull request to comment on (default: from the event)").option("--sha <sha>", "commit the evidence belongs to (default: GITHUB_SHA)").option("--base-sha <sha>", "PR base commit to compare with (default: from the event)").option("--comment-key <key>", "sticky comment key (default: the workflow name)").option("--label <name>", "label of the issues opsgate manages", "opsgate").option("--evidence-branch <name>", "branch holding the evidence history", "opsgate-evidence").option("--no-store", "do not write the evidence store branch").option("--no-comment", "do not post the PR comment").option("--no-issues", "do not open/close issues").option("--no-sarif", "do not upload SARIF to code scanning").action(async (flags) => {
    const g = program2.opts();
    const token = process.env.GITHUB_TOKEN;
    registerSecret(token);
    const outDir = path5.resolve(g.out);
    let context = readGitHubContext(process.env, {
      ...flags.pr ? { pullNumber: Number(flags.pr) } : {},
      ...flags.sha ? { sha: flags.sha } : {},
      ...flags.baseSha ? { baseSha: flags.baseSha } : {}
    });
    if (!token && !context.readOnly)
      throw new ConfigError(
        "GITHUB_TOKEN is not set: publishing needs a token (contents, issues and pull-requests: write)"
      );
    const config = existsSync4(g.config) ? (await loadConfig(g.config, process.env, [])).config : void 0;
    const octokit = createGitHubClient({ token: token ?? "", baseUrl: context.apiUrl });
    if (!context.readOnly) context = await contextForFollowUp(octokit, context, outDir);
    const result = await publish({
      outDir,
      config,
      octokit,
      context,
      commentKey: flags.commentKey,
      label: flags.label,
      evidenceBranch: flags.store ? flags.evidenceBranch : false,
      comment: flags.comment,
      issues: flags.issues,
      sarif: flags.sarif
    });
    console.log(describePublish(result));
  });
}

// src/cli/commands/runbooks.ts
import path12 from "node:path";

// src/core/runbooks/render-runbooks.ts
import { existsSync as existsSync8 } from "node:fs";
import { mkdir as mkdir2, readFile as readFile3 } from "node:fs/promises";
import path11 from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";

// src/core/runbooks/latest-evidence.ts
import { existsSync as existsSync5 } from "node:fs";
import path6 from "node:path";
async function latestEvidenceSource(ctx, check) {
  const file = evidencePath(ctx.outDir, check);
  const fromRun = existsSync5(file) ? await readEvidenceFile(file).catch(() => void 0) : void 0;
  const [stored] = await ctx.store.list(check, { limit: 1 });
  const run = fromRun && {
    evidence: fromRun,
    file: path6.relative(ctx.configDir, file) || file,
    ...fromRun.run.commit ? { commit: fromRun.run.commit } : {}
  };
  const kept = stored && {
    evidence: stored.evidence,
    file: stored.key,
    inStore: true,
    ...stored.commit ?? stored.evidence.run.commit ? { commit: stored.commit ?? stored.evidence.run.commit } : {}
  };
  if (run && kept)
    return Date.parse(run.evidence.run.startedAt) >= Date.parse(kept.evidence.run.startedAt) ? run : kept;
  return run ?? kept;
}
async function latestEvidence(ctx, check) {
  return (await latestEvidenceSource(ctx, check))?.evidence;
}
function quoted(value) {
  return /^[\w./:@+=,-]{1,200}$/.test(value) ? `\`${value}\`` : untrustedText(value, { maxBytes: 200 });
}
function citeEvidence(s) {
  const commit = s.commit ? `commit ${quoted(s.commit.slice(0, 12))}` : "no commit recorded (a run outside CI)";
  return `${quoted(s.file)}${s.inStore ? " in the evidence store" : ""}, run ${quoted(s.evidence.run.id)}, ${commit}`;
}

// src/core/runbooks/data/control-history.ts
function endpointOf(name) {
  const m = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\/\S*)/.exec(name);
  if (!m) return void 0;
  let path13 = m[2];
  const unbalanced = (p) => p.endsWith(")") && p.split(")").length > p.split("(").length;
  for (; ; ) {
    const trimmed = /[,:;]$/.test(path13) ? path13.slice(0, -1) : unbalanced(path13) ? path13.slice(0, -1) : path13;
    if (trimmed === path13 || trimmed === "") break;
    path13 = trimmed;
  }
  return { method: m[1], path: path13 };
}
function mdCell(v) {
  return untrustedCell(v ?? "—");
}
function withUnit(v, unit) {
  if (v === null) return "—";
  return typeof v === "number" && unit ? `${v} ${unit}` : String(v);
}
async function failingSince(store, check, isFailing, limit = 50) {
  const history = await store.list(check, { limit }).catch(() => []);
  let since;
  for (const h of history) {
    const failing = isFailing(h.evidence);
    if (failing === void 0) continue;
    if (!failing) break;
    since = {
      at: h.evidence.run.startedAt,
      commit: h.commit ?? h.evidence.run.commit,
      runs: (since?.runs ?? 0) + 1
    };
  }
  return since;
}
function describeSince(s, fallback) {
  if (!s) return fallback;
  return `${s.at.slice(0, 16).replace("T", " ")} UTC${s.commit ? ` (\`${s.commit.slice(0, 7)}\`)` : ""}, ${s.runs} stored run${s.runs === 1 ? "" : "s"} in a row`;
}

// src/core/runbooks/shell.ts
import { existsSync as existsSync6 } from "node:fs";
import path7 from "node:path";
var CONTROL = /[\u0000-\u001f\u007f]/;
function ansiC(s) {
  const spelled = s.replace(/[\\']/g, "\\$&").replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`
  );
  return `$'${spelled}'`;
}
function shellWord(s) {
  if (CONTROL.test(s)) return ansiC(s);
  return /^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
function shellString(s) {
  if (CONTROL.test(s)) return ansiC(s);
  return /^[^"$`\\!]*$/.test(s) ? `"${s}"` : `'${s.replace(/'/g, `'\\''`)}'`;
}
function shellComment(s) {
  const line = s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ");
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
function shellConcat(parts) {
  const expand = (p) => {
    if (!/^[A-Za-z_]\w*$/.test(p.variable)) throw new Error(`not a shell variable name: ${p.variable}`);
    const msg = p.required?.replace(/[^\w .,:;()/-]/g, "");
    return `\${${p.variable}${msg ? `:?${msg}` : ""}}`;
  };
  const plain = (t) => /^[^"$`\\!]*$/.test(t) && !CONTROL.test(t);
  if (parts.every((p) => typeof p !== "string" || plain(p))) {
    const short = (p, next) => {
      const braced = expand(p);
      return p.required || typeof next === "string" && /^\w/.test(next) ? braced : `$${p.variable}`;
    };
    return `"${parts.map((p, i) => typeof p === "string" ? p : short(p, parts[i + 1])).join("")}"`;
  }
  return parts.filter((p) => p !== "").map((p) => typeof p === "string" ? shellWord(p) : `"${expand(p)}"`).join("");
}
function shellGlob(p) {
  const dir = path7.dirname(p);
  const base = path7.basename(p);
  if (!/^[\w.*?[\]-]+$/.test(base)) return shellWord(p);
  return dir === "." ? base : `${shellWord(dir)}/${base}`;
}
function repositoryRoot(dir) {
  for (let d = path7.resolve(dir); ; d = path7.dirname(d)) {
    if (existsSync6(path7.join(d, ".git"))) return d;
    if (path7.dirname(d) === d) return void 0;
  }
}
function workingDirectory(configDir) {
  const root = repositoryRoot(configDir);
  const rel = root ? path7.relative(root, configDir) : void 0;
  if (rel === "") return { where: "the repository root (the directory of `opsgate.yml`)" };
  if (rel !== void 0 && !rel.startsWith(".."))
    return {
      cd: `cd ${shellWord(rel)}   # the directory of opsgate.yml, from the repository root`,
      where: `\`${rel}\` (the directory of \`opsgate.yml\`) in the repository`
    };
  return {
    cd: `cd ${shellWord(path7.resolve(configDir))}   # the directory of opsgate.yml`,
    where: "the directory of `opsgate.yml`"
  };
}
function bashBlock(lines, indent = "") {
  return ["```bash", ...lines, "```"].map((l) => l ? indent + l : l).join("\n");
}

// src/core/runbooks/data/rbac-login.ts
function envName(identity, what) {
  const upper = identity.toUpperCase().replace(/[^A-Z0-9]/g, "_");
  return `${/^[0-9]/.test(upper) ? "ID_" : ""}${upper}_${what}`;
}
function authVar(identity) {
  return `AUTH_${identity.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}
function jqFilter(jsonPath) {
  const expr = jsonPath.replace(/^\$\.?/, "");
  let out = "";
  for (const m of expr.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    const step = m[2] !== void 0 ? `[${m[2]}]` : /^[A-Za-z_]\w*$/.test(m[1]) ? `.${m[1]}` : `[${JSON.stringify(m[1])}]`;
    out += !out && step.startsWith("[") ? `.${step}` : step;
  }
  return out || ".";
}
function loginLines(identity, cfg) {
  const auth = authVar(identity);
  const who = shellComment(identity);
  if (!cfg || cfg.kind === "anonymous") return [`${auth}=()   # ${who}: anonymous, no credentials`];
  const url = (p) => shellConcat([{ variable: "BASE" }, p]);
  switch (cfg.kind) {
    case "bearer":
      return [
        `${auth}=(-H ${shellConcat(["Authorization: Bearer ", { variable: envName(identity, "BEARER") }])})   # ${who}: the token from your secret store`
      ];
    case "api-key":
      return [
        `KEY_HEADER=${shellWord(cfg.header)}`,
        `${auth}=(-H "$KEY_HEADER: $${envName(identity, "API_KEY")}")   # ${who}: the key from your secret store`
      ];
    case "basic":
      return [`${auth}=(-u "$${envName(identity, "USER")}:$${envName(identity, "PASSWORD")}")   # ${who}`];
    case "json-login": {
      const scheme = cfg["token-scheme"] ? `${cfg["token-scheme"]} ` : "";
      return [
        `# ${envName(identity, "LOGIN_JSON")}: the login body of identity "${who}" from opsgate.yml, with the real credentials`,
        `BEARER=$(curl -s -X ${cfg.login.method} ${url(cfg.login.path)} -H 'content-type: application/json' -d "$${envName(identity, "LOGIN_JSON")}" | jq -r ${shellWord(jqFilter(cfg["token-path"]))})`,
        `${auth}=(-H ${shellConcat([`${cfg["token-header"]}: ${scheme}`, { variable: "BEARER" }])})`
      ];
    }
    case "cookie-session": {
      const jar = shellConcat([{ variable: "JARS" }, `/${identity}.jar`]);
      return [
        `# log in as "${who}" with the form fields from opsgate.yml (${envName(identity, "LOGIN_FORM")}, from your secret store)`,
        "JARS=${JARS:-$(mktemp -d)}",
        `curl -s -c ${jar} -X ${cfg.login.method} ${url(cfg.login.path)} --data "$${envName(identity, "LOGIN_FORM")}" >/dev/null`,
        `${auth}=(-b ${jar} -c ${jar})`
      ];
    }
  }
}

// src/core/runbooks/data/rbac-request.ts
function placeholderVar(name) {
  return `FIXTURE_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}
function unbound(name) {
  const variable = placeholderVar(name);
  return { variable, required: `set ${variable} first, see the comment above` };
}
function bound(bindings, name) {
  return Object.hasOwn(bindings, name) ? bindings[name] : void 0;
}
function partOf(name, bindings) {
  const b = bound(bindings, name) ?? unbound(name);
  return "value" in b ? b.value : b;
}
function templateParts(template, bindings) {
  const parts = [];
  let last = 0;
  const literal = (t) => {
    const prev = parts.at(-1);
    if (typeof prev === "string") parts[parts.length - 1] = prev + t;
    else if (t) parts.push(t);
  };
  for (const m of template.matchAll(PLACEHOLDER)) {
    literal(template.slice(last, m.index));
    const p = partOf(m[1], bindings);
    if (typeof p === "string") literal(p);
    else parts.push(p);
    last = m.index + m[0].length;
  }
  literal(template.slice(last));
  return parts;
}
function urlArg(path13, bindings) {
  return shellConcat([{ variable: "BASE" }, ...templateParts(path13, bindings)]);
}
function headerArgs(headers, bindings) {
  return Object.entries(headers ?? {}).map(([k, v]) => ` -H ${shellConcat(templateParts(`${k}: ${v}`, bindings))}`).join("");
}
function bodyArgs(body, bindings) {
  if (body === void 0) return "";
  const variables = [];
  const argOf = (p) => {
    const i = variables.findIndex((v) => v === shellConcat([p]));
    if (i >= 0) return `$p${i}`;
    variables.push(shellConcat([p]));
    return `$p${variables.length - 1}`;
  };
  const jq = (v) => {
    if (typeof v === "string") {
      const parts = templateParts(v, bindings);
      if (parts.length === 1 && typeof parts[0] !== "string")
        return `(${argOf(parts[0])} | if test("^-?[0-9]+$") then tonumber else . end)`;
      const whole = /^\{([A-Za-z0-9_.-]+)\}$/.exec(v);
      if (parts.length === 1 && typeof parts[0] === "string" && whole && /^-?\d+$/.test(parts[0]))
        return parts[0];
      if (parts.every((p) => typeof p === "string")) return JSON.stringify(parts.join(""));
      return `(${parts.map((p) => typeof p === "string" ? JSON.stringify(p) : argOf(p)).join(" + ")})`;
    }
    if (Array.isArray(v)) return `[${v.map(jq).join(", ")}]`;
    if (v && typeof v === "object")
      return `{${Object.entries(v).filter(([, x]) => x !== void 0).map(([k, x]) => `${JSON.stringify(k)}: ${jq(x)}`).join(", ")}}`;
    return JSON.stringify(v ?? null);
  };
  const program2 = jq(body);
  const json = variables.length ? `"$(jq -nc ${variables.map((v, i) => `--arg p${i} ${v}`).join(" ")} ${shellWord(program2)})"` : (
    // Nothing to fill at run time: the program is plain JSON, written as it is sent.
    shellWord(JSON.stringify(JSON.parse(program2)))
  );
  return ` -H 'content-type: application/json' -d ${json}`;
}

// src/core/runbooks/data/rbac-repro.ts
function parseCell(name) {
  const ep = endpointOf(name);
  const identity = name.split(/\s+/)[0] ?? "anonymous";
  return { identity, method: ep?.method ?? "?", path: ep?.path ?? name };
}
function idFilter(jsonPath) {
  return shellWord(`${jqFilter(jsonPath)} | select(type == "string" or type == "number")`);
}
var NO_ID = "no id: the create request above failed";
var STATUS = `-w '%{http_code}\\n'`;
var ReproScript = class {
  constructor(base, identities, rbac) {
    this.identities = identities;
    this.rbac = rbac;
    this.lines = ["```bash", `BASE=${shellWord(base)}`];
    for (const [name, f] of Object.entries(rbac?.fixtures ?? {}))
      if (typeof f !== "object") this.statics[name] = { value: String(f) };
  }
  identities;
  rbac;
  lines;
  loggedIn = /* @__PURE__ */ new Set();
  declared = /* @__PURE__ */ new Set();
  statics = {};
  as(identity) {
    if (!this.loggedIn.has(identity)) {
      this.loggedIn.add(identity);
      const cfg = Object.hasOwn(this.identities, identity) ? this.identities[identity] : void 0;
      this.lines.push(...loginLines(identity, cfg));
    }
    return `"\${${authVar(identity)}[@]}"`;
  }
  /** The curl command of a request (its output options first). */
  curl(r, bindings, output) {
    const auth = this.as(r.identity);
    return `curl -s ${output ? `${output} ` : ""}-X ${shellWord(r.method)} ${auth} ${urlArg(r.path, bindings)}${headerArgs(r.headers, bindings)}${bodyArgs(r.body, bindings)}`;
  }
  /** Placeholders nobody provides: say plainly what to put there, and leave a line to put it. */
  declareUnbound(names, bindings, what) {
    for (const n of names) {
      if (bound(bindings, n) || this.declared.has(n)) continue;
      this.declared.add(n);
      this.lines.push(
        `# {${shellComment(n)}}: ${what}`,
        `${placeholderVar(n)}="\${${placeholderVar(n)}:-}"   # ← put the value here, or export ${placeholderVar(n)} before running these lines`
      );
    }
  }
  /** `{run}`: unique per repro, as the check's run id is unique per run. */
  runBinding() {
    if (!this.declared.has("run")) {
      this.declared.add("run");
      this.lines.push("RUN=opsgate-repro-$(date +%s)");
    }
    return { variable: "RUN" };
  }
};
function matrixRowOf(name, rbac) {
  const rest = name.slice(name.indexOf(" ") + 1).replace(/ #\d+$/, "");
  return rbac?.matrix.find((r) => rest === `${r.method} ${r.path}${r.name ? ` (${r.name})` : ""}`);
}
function ownershipOf(name, rbac) {
  return rbac?.ownership.find((o) => name.endsWith(` ${o.resource} (${o.name} owned by ${o.owner})`));
}
var NOT_CONFIGURED = "no rbac.fixtures entry provides it. Put the id of a sacrificial record there: one you created for this as a role allowed to, never a record anyone needs";
function matrixCell(s, t, cell) {
  const row = matrixRowOf(t.name, s.rbac);
  const all = s.rbac?.fixtures ?? {};
  const fixtureOf = (n) => Object.hasOwn(all, n) ? all[n] : void 0;
  const bindings = { ...s.statics };
  const cleanups = [];
  const needed = placeholdersIn(cell.path, row?.body, row?.headers);
  s.declareUnbound(
    needed.filter((n) => fixtureOf(n) === void 0),
    bindings,
    NOT_CONFIGURED
  );
  for (const name of needed) {
    const f = fixtureOf(name);
    if (f !== void 0 && typeof f !== "object")
      s.lines.push(
        `# {${shellComment(name)}}: the value of rbac.fixtures.${shellComment(name)}, filled in below`
      );
    if (typeof f !== "object") continue;
    const variable = placeholderVar(name);
    const at2 = `rbac.fixtures.${name}`;
    s.declareUnbound(placeholdersIn(f.create.path, f.create.body), s.statics, NOT_CONFIGURED);
    s.lines.push(
      `# {${shellComment(name)}}: a sacrificial record, created as "${shellComment(f.create.identity)}" the way the rbac check does (${shellComment(at2)}.create)`,
      `${variable}=$(${s.curl(f.create, s.statics, "")} | jq -er ${idFilter(f["id-path"])})`
    );
    bindings[name] = { variable, required: NO_ID };
    const own = { ...s.statics, id: bindings[name], [name]: bindings[name] };
    cleanups.push(
      ...f.cleanup ? [
        `# delete it again as "${shellComment(f.cleanup.identity)}" (${shellComment(at2)}.cleanup); 404: the probe already deleted it`,
        s.curl(f.cleanup, own, `-o /dev/null -w 'cleanup %{http_code}\\n'`)
      ] : [`# ${shellComment(at2)} has no cleanup request: delete the record by hand ($${variable})`]
    );
  }
  const probe = {
    identity: cell.identity,
    method: cell.method,
    path: cell.path,
    body: row?.body,
    headers: row?.headers
  };
  if (row?.cleanup && cell.method !== "DELETE") {
    const c = row.cleanup;
    s.lines.push("OUT=$(mktemp)", s.curl(probe, bindings, `-o "$OUT" ${STATUS}`));
    s.lines.push(
      `# if it created a record, delete it again as "${shellComment(c.identity)}" (the row's cleanup)`,
      `if CREATED=$(jq -er ${idFilter(c["id-path"])} "$OUT" 2>/dev/null); then ${s.curl(c, { ...bindings, id: { variable: "CREATED" } }, `-o /dev/null -w 'cleanup %{http_code}\\n'`)}; fi`
    );
  } else s.lines.push(s.curl(probe, bindings, `-o /dev/null ${STATUS}`));
  s.lines.push(...cleanups);
}
function ownershipCell(s, p, cell) {
  const bindings = { ...s.statics };
  const uses = placeholdersIn(p.create, p.lookup?.path, p.resource, p.cleanup, p["update-body"]);
  if (uses.includes("run")) bindings.run = s.runBinding();
  s.declareUnbound(
    uses.filter((n) => n !== "id" && !bound(bindings, n)),
    bindings,
    "a value the ownership probe fills itself (a capture from the login, see identities.<name>.capture): put that value there"
  );
  const owner = p.owner;
  s.lines.push(
    `# {id}: the ${shellComment(p.name)} owned by "${shellComment(owner)}": created as the owner the way the ownership probe does (rbac.ownership ${shellComment(p.name)}.create)`
  );
  const create = { ...p.create, identity: owner };
  if (p.lookup) {
    s.lines.push(s.curl(create, bindings, `-o /dev/null -w 'create %{http_code}\\n'`));
    const find = { identity: owner, method: "GET", path: p.lookup.path };
    s.lines.push(`OWNED_ID=$(${s.curl(find, bindings, "")} | jq -er ${idFilter(p.lookup["id-path"])})`);
  } else
    s.lines.push(
      "# (an API that answers the create without a body names the record in its Location header instead)",
      `OWNED_ID=$(${s.curl(create, bindings, "")} | jq -er ${idFilter(p["id-path"])})`
    );
  const owned = { ...bindings, id: { variable: "OWNED_ID", required: NO_ID } };
  const update = cell.method === "PUT" || cell.method === "PATCH";
  const probe = {
    identity: cell.identity,
    method: cell.method,
    path: cell.path,
    body: update ? p["update-body"] ?? {} : void 0
  };
  s.lines.push(s.curl(probe, owned, `-o /dev/null ${STATUS}`));
  const cleanup = { method: "DELETE", path: p.resource, ...p.cleanup, identity: owner };
  s.lines.push(
    `# delete it again as the owner; 404: the probe already deleted it`,
    s.curl(cleanup, owned, `-o /dev/null -w 'cleanup %{http_code}\\n'`)
  );
}
function reproBlock(cells, base, identities, rbac) {
  const s = new ReproScript(base, identities, rbac);
  const byIdentity = [...cells].sort(
    (a, b) => parseCell(a.name).identity.localeCompare(parseCell(b.name).identity)
  );
  for (const t of byIdentity) {
    const cell = parseCell(t.name);
    s.lines.push(
      "",
      `# ${shellComment(`${t.name}: expected ${String(t.limit)}, the last run got ${String(t.actual)}`)}`
    );
    const owned = ownershipOf(t.name, rbac);
    if (cell.method === "?") s.lines.push("# no METHOD /path in this control name: probe it by hand");
    else if (owned && cell.path === owned.resource) ownershipCell(s, owned, cell);
    else matrixCell(s, t, cell);
  }
  s.lines.push("```");
  return s.lines.join("\n");
}

// src/core/runbooks/data/access-control-incident.ts
var accessControlIncidentRunbook = {
  name: "access-control-incident",
  title: "Access-control incident",
  description: "Open this when the rbac or abuse gate fails: a role can do what it must not, another tenant’s record is readable, or a limiter stopped limiting.",
  async data(ctx) {
    const rbac = await latestEvidence(ctx, "rbac");
    const abuse = await latestEvidence(ctx, "abuse");
    const base = rbac?.target.url ?? ctx.config.target["base-url"];
    const broken = rbac ? rbac.thresholds.filter((t) => !t.ok && !t.skipped) : [];
    const rows = [];
    for (const t of broken) {
      const since = await failingSince(ctx.store, "rbac", (h) => failingIn(h, t.name));
      const cell = parseCell(t.name);
      rows.push(
        `| ${mdCell(cell.identity)} | ${mdCell(cell.method)} | \`${mdCell(cell.path)}\` | ${mdCell(t.limit)} | ${mdCell(t.actual)} | ${mdCell(t.detail)} | ${describeSince(since, "this run")} |`
      );
    }
    const probes = (ctx.config.rbac?.ownership ?? []).map(ownershipLabel);
    const ownership = (rbac?.thresholds ?? []).filter((t) => probes.some((label) => t.name.endsWith(label)));
    const findings = rbac?.findings.filter((f) => !f.suppressed) ?? [];
    const otherFindings = findings.length ? findings.map((f) => `- **${f.severity}** ${mdCell(f.title)} (${mdCell(f.location)}): ${mdCell(f.detail)}`).join("\n") : "_None in the latest run._";
    const limiterRows = (abuse?.thresholds ?? []).map(
      (t) => `| ${statusIcon[thresholdStatus(t)]} | ${mdCell(t.name)} | ${mdCell(withUnit(t.limit, t.unit))} | ${mdCell(withUnit(t.actual, t.unit))} | ${mdCell(t.skipped ?? t.detail)} |`
    );
    return {
      state: rbac ? `Latest rbac run: **${rbac.verdict}** at ${rbac.run.startedAt} against \`${rbac.target.url}\` — ${mdCell(rbac.summary)}` : "_No rbac evidence yet: run `opsgate rbac`, then regenerate this runbook._",
      brokenCells: rows.length ? [
        "| Identity | Method | Path | Expected | Actual | Detail | Broken since |",
        "|---|---|---|---|---|---|---|",
        ...rows
      ].join("\n") : rbac ? "_Every probed cell answered as promised in the latest run._" : "_No rbac evidence yet._",
      ownershipProbes: ownership.length ? ownership.map(
        (t) => `- ${statusIcon[thresholdStatus(t)]} ${mdCell(t.name)}: expected ${mdCell(t.limit)}, got ${mdCell(t.skipped ?? t.actual)}`
      ).join("\n") : probes.length ? "_No ownership probe ran in the latest rbac run._" : "_No ownership (IDOR) probe is configured: add `rbac.ownership` to opsgate.yml._",
      otherFindings,
      // The name project templates adapted from an earlier version use for the same list.
      ownershipFindings: otherFindings,
      curl: broken.length ? reproBlock(broken.slice(0, 5), base, ctx.config.identities, ctx.config.rbac) : "_Nothing to reproduce: no broken cell in the latest run._",
      limiters: limiterRows.length ? ["| | Control | Expected | Actual | Detail |", "|---|---|---|---|---|", ...limiterRows].join("\n") : "_No abuse evidence yet: run `opsgate abuse` (it trips limiters, so not during an incident on production)._"
    };
  }
};
function failingIn(h, name) {
  const t = h.thresholds.find((x) => x.name === name);
  return t && !t.skipped ? !t.ok : void 0;
}

// src/core/runbooks/data/dr-commands.ts
import os from "node:os";
import path8 from "node:path";
var I = "   ";
function formatOf(b) {
  if (b.kind === "command") return b.format;
  if (b.kind === "pg-dump") return "custom";
  return b.path.endsWith(".sql.gz") ? "sql.gz" : b.path.endsWith(".sql") ? "sql" : "custom";
}
function backupListing(b) {
  if (b.kind === "pg-dump") return `ls -t ${shellGlob(path8.join(b.dir, "*.dump"))}`;
  if (b.kind === "path") return `ls -t ${shellGlob(b.path)} | grep -v '\\.counts\\.json$'`;
  return void 0;
}
function describeBackupSource(b) {
  if (b.kind === "pg-dump")
    return `\`restore.backup\`: the dumps the drill takes of \`restore.backup.url\`, kept in \`${b.dir}\` (relative to \`opsgate.yml\`) with their \`.counts.json\``;
  if (b.kind === "path") return `\`restore.backup.path\`: the newest file matching \`${b.path}\``;
  return `\`restore.backup.run\`: the fetch command \`${b.run}\``;
}
function beforeYouStart(r, configDir) {
  const wd = workingDirectory(configDir);
  const serverUrl = r.recovery?.["server-url"];
  const server = serverUrl ? `RECOVERY_SERVER_URL=$(${serverUrl})   # restore.recovery.server-url in opsgate.yml prints it` : `read -rsp 'URL of the recovery server (from your secret store): ' RECOVERY_SERVER_URL; echo`;
  const lines = [
    `Run every command in **one bash shell**, from ${wd.where}: the paths in \`opsgate.yml\` are relative to it. The commands need \`psql\`, \`pg_restore\` and \`jq\`.`,
    "",
    "| Variable | Holds | Set by |",
    "|---|---|---|",
    `| \`RECOVERY_SERVER_URL\` | URL of the PostgreSQL server to restore into, with CREATEDB rights. It holds a password: never paste it into tickets or chat. | ${serverUrl ? `\`${serverUrl}\` (below)` : "you, from the secret store (below)"} |`,
    "| `BACKUP` | the backup file being restored | step 2 |",
    "| `RESTORED_DB` | the new database the backup goes into | step 3 |",
    "| `RESTORED_URL` | `RECOVERY_SERVER_URL` with its database replaced by `RESTORED_DB` | step 3 |",
    ""
  ];
  const check = `psql -X -At -d "$RECOVERY_SERVER_URL" -c 'SELECT version()'   # must print the server version`;
  if (wd.cd) lines.push(bashBlock([wd.cd]), "");
  const start = r.recovery?.["server-start"];
  if (start)
    lines.push(
      "If the recovery server is down (a fault drill stops it on purpose, a demo run stops its cluster when it ends), start it; this is harmless when it is already running:",
      "",
      bashBlock([start]),
      ""
    );
  lines.push(
    serverUrl ? "Get its URL:" : "Type in its URL (it is not echoed):",
    "",
    bashBlock([server, check])
  );
  return lines.join("\n");
}
function locateLines(b) {
  const listing = backupListing(b);
  if (listing) return [`${listing} | sed -n 1,5p   # newest first`, `BACKUP=$(${listing} | sed -n 1p)`];
  const ext = formatOf(b) === "custom" ? "dump" : formatOf(b);
  return [
    `BACKUP="\${TMPDIR:-/tmp}/opsgate-restore-$(date +%Y%m%d_%H%M%S).${ext}"`,
    b.run.replaceAll("{path}", '"$BACKUP"')
  ];
}
function restoreLines(r) {
  const jobs = r.jobs ?? Math.max(1, os.availableParallelism());
  switch (formatOf(r.backup)) {
    case "custom":
      return [`time pg_restore --exit-on-error --no-owner --no-acl -j ${jobs} -d "$RESTORED_URL" "$BACKUP"`];
    case "sql.gz":
      return [
        "set -o pipefail   # a truncated archive must fail the pipeline too",
        'time gunzip -c "$BACKUP" | psql -X -q -v ON_ERROR_STOP=1 -d "$RESTORED_URL"'
      ];
    case "sql":
      return ['time psql -X -q -v ON_ERROR_STOP=1 -d "$RESTORED_URL" -f "$BACKUP"'];
  }
}
function restoreSteps(r) {
  return [
    "1. **Declare the incident** and stop writes to the damaged database (scale the application to zero or put it in maintenance mode).",
    `2. **Locate the newest backup** in the source the drill uses, ${describeBackupSource(r.backup)}:`,
    bashBlock([...locateLines(r.backup), 'ls -l "$BACKUP"'], I),
    "3. **Create an empty database** on the recovery server and the URL that points at it (user, password, host, port and `?options` of the server URL are kept):",
    bashBlock(
      [
        "RESTORED_DB=restored_$(date +%Y%m%d_%H%M%S)",
        'psql -X -d "$RECOVERY_SERVER_URL" -c "CREATE DATABASE \\"$RESTORED_DB\\""',
        `RESTORED_URL=$(printf '%s' "$RECOVERY_SERVER_URL" | sed -E "s#^(postgres(ql)?://[^/?]*)(/[^?]*)?#\\1/$RESTORED_DB#")`,
        'echo "restoring into $RESTORED_DB"'
      ],
      I
    ),
    `4. **Restore** (${formatOf(r.backup)} format; it stops at the first error, so a partial restore is never mistaken for a good one):`,
    bashBlock(
      [...restoreLines(r), 'echo "exit code: $?"   # anything but 0: the restore failed, go to Rollback'],
      I
    ),
    "5. **Verify** with the checklist below before pointing anything at the restored database.",
    "6. **Switch over**: point the application’s database URL at `$RESTORED_URL` (in your secret store, not in a ticket), start it, watch error rates.",
    "7. **Record** the real time to restore and the data loss window (the backup’s age) in the incident ticket and the drill log."
  ].join("\n");
}
function qualify(t) {
  return t.includes(".") ? t : `public.${t}`;
}
function countSql(tables) {
  const only = tables === "all" ? "" : ` AND n.nspname || '.' || c.relname IN (${tables.map((t) => `'${qualify(t).replace(/'/g, "''")}'`).join(", ")})`;
  return `SELECT n.nspname || '.' || c.relname || '|' || (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1] FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'${only}`;
}
function oneLine(sql) {
  return sql.replace(/\s+/g, " ").trim();
}
function verificationCommands(r) {
  const lines = [];
  const rc = r.verify["row-counts"];
  if (rc) {
    const tables = rc.tables;
    const jqFilter2 = tables === "all" ? ".tables | to_entries[]" : `.tables | to_entries[] | select(.key | IN(${tables.map((t) => JSON.stringify(qualify(t))).join(", ")}))`;
    lines.push(
      `# Row counts${tables === "all" ? " of every table" : ""}, recorded with the backup (<backup>.counts.json) vs restored:`,
      '# a "<" line is the recorded count, a ">" line the restored one; no such line = all match',
      `diff <(jq -r '${jqFilter2.replace(/'/g, `'\\''`)} | "\\(.key)|\\(.value)"' "$BACKUP.counts.json" | LC_ALL=C sort) \\`,
      `     <(psql -X -At -v ON_ERROR_STOP=1 -d "$RESTORED_URL" -c "${countSql(tables)}" | LC_ALL=C sort) \\`,
      '  && echo "row counts match"'
    );
  }
  for (const a of r.verify.assertions)
    lines.push(
      `# ${a.name}: expect ${a.expect.op} ${String(a.expect.value)}`,
      `psql -X -At -v ON_ERROR_STOP=1 -d "$RESTORED_URL" -c ${shellString(oneLine(a.sql))}`
    );
  for (const q of r.verify["smoke-queries"])
    lines.push(
      `psql -X -q -v ON_ERROR_STOP=1 -d "$RESTORED_URL" -c ${shellString(oneLine(q))} > /dev/null && echo "smoke query ok"`
    );
  if (!lines.length) lines.push(`psql -X -d "$RESTORED_URL" -c '\\dt+'   # the drill verifies nothing more`);
  return bashBlock(lines);
}
function rollbackCommands(r) {
  const listing = backupListing(r.backup);
  const drop = bashBlock(
    ['psql -X -d "$RECOVERY_SERVER_URL" -c "DROP DATABASE IF EXISTS \\"$RESTORED_DB\\" WITH (FORCE)"'],
    I
  );
  const previous = listing ? [
    "3. Take the **previous** backup (the second newest) and repeat from step 3; the data loss grows by one backup interval, say so in the incident channel:",
    bashBlock([`BACKUP=$(${listing} | sed -n 2p)`, 'ls -l "$BACKUP"'], I)
  ] : [
    "3. Fetch the **previous** backup: run the fetch command of step 2 with the previous backup’s name or date, then repeat from step 3; the data loss grows by one backup interval, say so in the incident channel."
  ];
  return [
    "1. **Do not switch over.** The damaged database (if it still exists) stays untouched: the restore went into a new database.",
    "2. Keep the failed attempt’s error output (pg_restore/psql stderr) and drop the half-restored database:",
    drop,
    ...previous
  ].join("\n");
}

// src/core/runbooks/data/fault-scenarios.ts
async function faultScenariosSection(ctx) {
  const fault = ctx.config.fault;
  if (!fault?.scenarios.length)
    return "_No fault scenarios are configured: add a `fault:` section to opsgate.yml and run `opsgate fault`._";
  const e = await latestEvidence(ctx, "fault");
  const measured = new Map(
    (e?.data?.scenarios ?? []).map((s) => [s.name, s])
  );
  const ms = (v) => v === null || v === void 0 ? "not measured" : formatDuration(v);
  const out = [];
  for (const s of fault.scenarios) {
    const m = measured.get(s.name);
    out.push(
      `### ${untrustedCell(s.name)}`,
      "",
      ...s.description ? [untrustedCell(s.description, 1e3), ""] : [],
      "| | Promise | Last drill |",
      "|---|---|---|",
      `| Time to detect | ${formatDuration(durationMs(s["detect-within"]))} | ${m ? ms(m.ttdMs) : "never drilled"} |`,
      `| Time to recover | ${formatDuration(durationMs(s["recover-within"]))} | ${m ? ms(m.ttrMs) : "never drilled"} |`,
      "",
      `Last drill: ${e && m ? `${e.run.startedAt} — **${e.verdict}**` : "_none yet: run `opsgate fault`_"}`,
      "",
      "How the drill breaks it (inject):",
      "```sh",
      describeAction(s.inject),
      "```",
      "How it is repaired (recover — run this by hand if the service does not come back):",
      "```sh",
      describeAction(s.recover),
      "```",
      `Recovered means ${s.probe["healthy-after"]} consecutive probe rounds in which ${s.probe.endpoints.map((p) => `\`${p.method} ${p.path}\``).join(", ")} meet their after-recovery expectations.`,
      ""
    );
  }
  return out.join("\n").trimEnd();
}

// src/core/runbooks/data/disaster-recovery.ts
var disasterRecoveryRunbook = {
  name: "disaster-recovery",
  title: "Disaster recovery: restore the database from backup",
  description: "Open this when the production database is lost or corrupted and must be restored from backup.",
  async data(ctx) {
    const restore = ctx.config.restore;
    const source = await latestEvidenceSource(ctx, "restore");
    const log = (await ctx.store.readRecords("drill-log")).filter(
      (r) => r.check === void 0 || r.check === "restore"
    );
    const none = "No restore drill is configured: add a `restore:` section to opsgate.yml.";
    return {
      configured: restore ? "yes" : "no — add a `restore:` section to opsgate.yml and run `opsgate restore`",
      rtoTarget: restore ? formatDuration(durationMs(restore.rto)) : "15 min (default)",
      rpoTarget: restore ? formatDuration(durationMs(restore.rpo)) : "24 h (default)",
      lastDrill: lastDrillSection(source, restore, ctx.now),
      drillHistory: drillHistory(log),
      beforeYouStart: restore ? beforeYouStart(restore, ctx.configDir) : none,
      restoreSteps: restore ? restoreSteps(restore) : none,
      verificationCommands: restore ? verificationCommands(restore) : "_Nothing to run: no restore drill is configured._",
      verificationChecklist: restore ? checklist(restore, source) : "- [ ] The application starts and serves its health check.",
      rollbackSteps: restore ? rollbackCommands(restore) : none,
      faultScenarios: await faultScenariosSection(ctx)
    };
  }
};
function measuredRpo(d) {
  if (d.backupAgeNotMeasured || d.backupAgeMs === null || d.backup?.kind === "pg-dump")
    return mdCell(
      d.backupAgeNotMeasured ?? "not measured: the drill took a fresh pg_dump, so the backup is 0 old by construction"
    );
  return d.backupAgeMs === void 0 ? "—" : formatDuration(d.backupAgeMs);
}
function lastDrillSection(s, r, now) {
  if (!s) return "_No drill has been run yet: run `opsgate restore`, then regenerate this runbook._";
  const e = s.evidence;
  const d = e.data ?? {};
  const phases = Object.entries(d.phases ?? {}).map(([k, v]) => `${k} ${formatDuration(v)}`).join(" · ");
  const ageDays = Math.floor((now.getTime() - Date.parse(e.run.startedAt)) / 864e5);
  const taken = d.backup?.takenAt ? ` (taken ${d.backup.takenAt})` : "";
  const counts = d.rowCounts?.tables ?? [];
  return [
    `| | Measured | Evidence field |`,
    `|---|---|---|`,
    `| Drill date | ${e.run.startedAt} (${ageDays} day${ageDays === 1 ? "" : "s"} ago) | \`run.startedAt\` |`,
    `| Verdict | **${e.verdict}** — ${mdCell(e.summary)} | \`verdict\` |`,
    `| Time to restore | ${d.timeToRestoreMs === void 0 ? "—" : formatDuration(d.timeToRestoreMs)} | \`data.timeToRestoreMs\` |`,
    `| RPO (backup age at drill time) | ${measuredRpo(d)} | \`data.backupAgeMs\` |`,
    `| Backup restored | \`${mdCell(d.backup?.file ?? "—")}\`${taken} | \`data.backup\` |`,
    `| Phases | ${phases || "—"} | \`data.phases\` |`,
    `| Tables whose row counts matched | ${counts.length ? `${counts.filter((t) => t.ok).length} of ${counts.length}` : "—"} | \`data.rowCounts\` |`,
    "",
    `Every number above is from ${citeEvidence(s)}.${r ? ` The backup came from ${describeBackupSource(r.backup)}.` : ""}`
  ].join("\n");
}
function drillHistory(log) {
  if (!log.length) return "_The drill log is empty._";
  const rows = log.slice(-10).reverse();
  const rpo = (r) => r.backupKind === "pg-dump" || r.backupAgeMs === null ? "not measured" : r.backupAgeMs === void 0 ? "—" : formatDuration(r.backupAgeMs);
  return [
    "| Date | Run | Verdict | Time to restore | RPO | Backup | Signed off by |",
    "|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) => `| ${r.date ?? "—"} | ${r.runId ? `\`${mdCell(r.runId)}\`` : "—"} | ${r.verdict ?? "—"} | ${r.timeToRestoreMs === void 0 || r.timeToRestoreMs === null ? "—" : formatDuration(r.timeToRestoreMs)} | ${rpo(r)} | ${mdCell(r.backup ?? "—")} | ${mdCell(r.signedOffBy ?? "_not signed_")} |`
    ),
    "",
    "From the drill log (`logs/drill-log.jsonl` in the evidence store); each run’s evidence is stored under `evidence/restore/`."
  ].join("\n");
}
function checklist(r, s) {
  const d = s?.evidence.data ?? {};
  const items = [];
  const rc = r.verify["row-counts"];
  if (rc) {
    const n = d.rowCounts?.tables?.length;
    items.push(
      `- [ ] \`row counts match\` printed: the row counts of ${rc.tables === "all" ? "every table" : rc.tables.join(", ")} equal those recorded with the backup${n ? ` (the last drill compared ${n} tables)` : ""}`
    );
  }
  for (const a of r.verify.assertions)
    items.push(`- [ ] **${mdCell(a.name)}** printed a value ${a.expect.op} ${String(a.expect.value)}`);
  if (r.verify["smoke-queries"].length)
    items.push(`- [ ] \`smoke query ok\` printed ${r.verify["smoke-queries"].length} time(s)`);
  items.push("- [ ] The application starts against the restored database and its health check passes.");
  return items.join("\n");
}

// src/core/runbooks/data/load-regression-triage.ts
import path10 from "node:path";

// src/core/runbooks/data/load-script-env.ts
import { existsSync as existsSync7 } from "node:fs";
import { readFile as readFile2 } from "node:fs/promises";
import path9 from "node:path";
var NAME = /^OPSGATE_SECRET_\d+$/;
async function scriptVariables(e, outDir, script) {
  const recorded = e.data?.scriptEnv;
  if (Array.isArray(recorded))
    return recorded.flatMap((v) => {
      const o = v;
      return o && typeof o.name === "string" && NAME.test(o.name) && typeof o.description === "string" ? [{ name: o.name, description: o.description }] : [];
    });
  if (!script) return void 0;
  const file = path9.resolve(outDir, script);
  if (path9.relative(outDir, file).startsWith("..") || !existsSync7(file)) return void 0;
  const header2 = (await readFile2(file, "utf8").catch(() => "")).split("*/")[0] ?? "";
  if (!header2.includes("Secrets are read from the environment")) return void 0;
  return [...header2.matchAll(/^ \* {3}(OPSGATE_SECRET_\d+) {2}(.*)$/gm)].map((m) => ({
    name: m[1],
    description: m[2]
  }));
}
async function rawConfig(file) {
  try {
    const value = parseYamlConfig(await readFile2(file, "utf8"), path9.basename(file)).value;
    return value && typeof value === "object" ? value : void 0;
  } catch {
    return void 0;
  }
}
function segmentsOf(use) {
  return [...use.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => m[2] !== void 0 ? Number(m[2]) : m[1]);
}
function at(raw, segs) {
  let cur = raw;
  for (const s of segs) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, String(s))) return void 0;
    cur = cur[String(s)];
  }
  return cur;
}
var dotted = (segs) => segs.map((s, i) => typeof s === "number" ? `[${s}]` : i ? `.${s}` : s).join("");
function sourceOf(use, config) {
  const [top, a, b, c, ...rest] = segmentsOf(use);
  if (top === "identities" && typeof a === "string") {
    const id = Object.hasOwn(config.identities, a) ? config.identities[a] : void 0;
    if (b === "login" && c === "body")
      return {
        places: [
          { segs: ["identities", a, "login", "body", ...rest] },
          { segs: ["identities", a, "login", "form", ...rest] }
        ]
      };
    if (b === "login" && c === "headers")
      return { places: [{ segs: ["identities", a, "login", "headers", ...rest] }] };
    if (b === "headers" && typeof c === "string" && !rest.length) {
      if (id?.kind === "bearer" && c === "Authorization")
        return { places: [{ segs: ["identities", a, "token"], prefix: "Bearer " }] };
      if (id?.kind === "api-key" && c === id.header)
        return { places: [{ segs: ["identities", a, "value"] }] };
      if (id?.kind === "basic" && c === "Authorization")
        return {
          places: [],
          note: `"Basic " and the base64 of username:password of identities.${a}`
        };
      return {
        places: [
          { segs: ["identities", a, "headers", c] },
          ...id?.["target-headers"] === false ? [] : [{ segs: ["target", "headers", c] }]
        ]
      };
    }
  }
  if (top === "endpoints" && typeof a === "number" && b === "headers" && c !== void 0 && !rest.length)
    return { places: [{ segs: ["load", "endpoints", a, "headers", c] }] };
  if (top === "endpoints" && typeof a === "number" && b === "body")
    return { places: [], note: `the JSON text of load.endpoints[${a}].body, with its secrets filled in` };
  if (top === "baseUrl") return { places: [{ segs: ["target", "base-url"] }] };
  return { places: [] };
}
function fromTemplate(written, prefix = "") {
  const parts = [prefix];
  const names = [];
  const literal = (t) => {
    const prev = parts.at(-1);
    if (typeof prev === "string") parts[parts.length - 1] = prev + t;
    else parts.push(t);
  };
  let last = 0;
  for (const m of written.matchAll(ENV_REFERENCE)) {
    literal(written.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0] === "$${") {
      literal("${");
      continue;
    }
    names.push(m[1]);
    parts.push({ variable: m[1], required: `set ${m[1]} first (from your secret store)` });
  }
  literal(written.slice(last));
  return { parts: parts.filter((p) => p !== ""), names };
}
function exportLines(vars, config, raw) {
  const lines = [];
  for (const v of vars) {
    const uses = v.description.split(", ");
    let found;
    let literalAt;
    let note;
    for (const use of uses) {
      const source = sourceOf(use, config);
      note ??= source.note;
      for (const p of raw ? source.places : []) {
        const written = at(raw, p.segs);
        if (typeof written !== "string") continue;
        const t = fromTemplate(written, p.prefix);
        if (t.names.length) found ??= { place: dotted(p.segs), ...t };
        else literalAt ??= dotted(p.segs);
        break;
      }
      if (found) break;
    }
    if (found) {
      const refs = found.names.map((n) => `\${${n}}`).join(", ");
      lines.push(`# ${shellComment(`${refs} from ${found.place} in opsgate.yml, used at ${v.description}`)}`);
      lines.push(`export ${v.name}=${shellConcat(found.parts)}`);
      continue;
    }
    const what = literalAt ? `the value written at ${literalAt} in opsgate.yml` : note ?? "the value opsgate.yml gives it (from your secret store)";
    lines.push(`# ${shellComment(`${v.description}: ${what}`)}`);
    lines.push(`export ${v.name}="\${${v.name}:?fill it in first, see the comment above}"`);
  }
  return lines;
}

// src/core/runbooks/data/load-regression-triage.ts
var loadRegressionTriageRunbook = {
  name: "load-regression-triage",
  title: "Load regression triage",
  description: "Open this when the load gate fails: a latency/error threshold is crossed or an endpoint regressed against its baseline.",
  async data(ctx) {
    const e = await latestEvidence(ctx, "load");
    const problems = e ? loadProblems(e) : [];
    const rows = [];
    for (const p of problems) {
      const since = await failingSince(ctx.store, "load", p.failing);
      rows.push(
        `| ${mdCell(p.key)} | ${mdCell(p.control)} | ${mdCell(p.expected)} | ${mdCell(p.actual)} | ${describeSince(since, "this run")} |`
      );
    }
    const data = e?.data ?? {};
    const script = e?.artifacts.find((a) => a.path.endsWith(".js"));
    const history = await ctx.store.list("load", { limit: 10 }).catch(() => []);
    return {
      state: e ? `Latest load run: **${e.verdict}** at ${e.run.startedAt} against \`${e.target.url}\`${e.run.commit ? ` (commit \`${e.run.commit.slice(0, 7)}\`)` : ""} — ${mdCell(e.summary)}` : "_No load evidence yet: run `opsgate load`, then regenerate this runbook._",
      regressed: rows.length ? [
        "| Endpoint | Control | Expected | Actual | Failing since |",
        "|---|---|---|---|---|",
        ...rows
      ].join("\n") : e ? "_Nothing is failing in the latest load run._" : "_No load evidence yet._",
      profile: data.profile ?? (ctx.config.load ? "as configured in opsgate.yml" : "not configured"),
      engine: e?.run.tool ? `${e.run.tool.name} ${e.run.tool.version}` : String(data.engine ?? "k6"),
      reproduce: await reproduceCommands(ctx, e, script?.path, data.profile),
      history: history.length ? [
        "| Run | Commit | Verdict | Summary |",
        "|---|---|---|---|",
        ...history.map(
          (h) => `| ${h.evidence.run.startedAt.slice(0, 16).replace("T", " ")} | ${h.commit ? `\`${h.commit.slice(0, 7)}\`` : "—"} | ${h.evidence.verdict} | ${mdCell(h.evidence.summary)} |`
        )
      ].join("\n") : "_No stored load history yet (the evidence store fills up with each published run)._"
    };
  }
};
var METRIC_PREFIX = /^(p50|p90|p95|p99|error rate|min rps)\s+/;
function endpointKey(name, e) {
  const ep = endpointOf(name);
  if (ep) return `${ep.method} ${ep.path}`;
  const scope = name.replace(METRIC_PREFIX, "");
  const endpoints = e.data?.endpoints ?? [];
  const known = Array.isArray(endpoints) ? endpoints.find((x) => x?.name === scope) : void 0;
  if (scope === "total" || !known) return "all traffic";
  return typeof known.method === "string" && typeof known.path === "string" ? `${known.method} ${known.path}` : scope;
}
function loadProblems(e) {
  const out = [];
  for (const t of e.thresholds.filter((x) => !x.ok && !x.skipped)) {
    out.push({
      key: endpointKey(t.name, e),
      control: t.name,
      expected: withUnit(t.limit, t.unit),
      actual: withUnit(t.actual, t.unit),
      failing: (h) => {
        const x = h.thresholds.find((y) => y.name === t.name);
        return x && !x.skipped ? !x.ok : void 0;
      }
    });
  }
  for (const c of (e.baseline?.comparisons ?? []).filter((x) => x.regressed)) {
    out.push({
      key: endpointKey(c.metric, e),
      control: `regression ${c.metric}`,
      expected: `≤ +${Math.round(c.limit * 100)}% vs ${c.baseline}`,
      actual: `${c.actual} (${c.change >= 0 ? "+" : ""}${Math.round(c.change * 100)}%)`,
      failing: (h) => h.baseline?.comparisons.find((y) => y.metric === c.metric)?.regressed
    });
  }
  return out;
}
async function scriptEnvLines(ctx, e, script) {
  const vars = await scriptVariables(e, ctx.outDir, script);
  if (!vars)
    return [
      "# set the OPSGATE_SECRET_<n> variables its header comment lists (values from your secret store)"
    ];
  if (!vars.length) return ["# the script reads no secrets"];
  const raw = await rawConfig(ctx.configFile ?? path10.join(ctx.configDir, "opsgate.yml"));
  return exportLines(vars, ctx.config, raw);
}
async function reproduceCommands(ctx, e, script, profile) {
  const lines = [
    "The run generated a plain k6 script (secrets are read from the environment, never embedded). Export what it reads from your own variables (the `${…}` names opsgate.yml uses), then run it:",
    "",
    "```sh"
  ];
  if (e && script)
    lines.push(
      `# from the run's out dir (${shellComment(path10.basename(ctx.outDir))} here; on CI, the downloaded evidence artifact)`,
      ...await scriptEnvLines(ctx, e, script),
      // Target URL and artifact path are evidence text: quoted like any other value.
      `OPSGATE_BASE_URL=${shellWord(e.target.url)} k6 run ${shellWord(script)}`
    );
  else
    lines.push(
      `npx opsgate load --config opsgate.yml --out opsgate-out   # writes opsgate-out/artifacts/load/script.js`
    );
  lines.push(
    "```",
    "",
    `Same profile through opsgate (thresholds, baseline comparison and evidence included)${profile ? `, profile \`${profile}\`` : ""}:`,
    "",
    "```sh",
    "npx opsgate load --config opsgate.yml --out opsgate-out",
    "# compare with the stored run of the PR base (the evidence store keeps it):",
    "npx opsgate load --config opsgate.yml --out opsgate-out --baseline-commit <base-sha>",
    "```"
  );
  return lines.join("\n");
}

// src/core/runbooks/data/security-findings-triage.ts
var securityFindingsTriageRunbook = {
  name: "security-findings-triage",
  title: "Security findings triage",
  description: "Open this when the headers or DAST gate fails, or an opsgate issue for a security finding is assigned to you.",
  async data(ctx) {
    const sections = {};
    const summary = [];
    for (const check of ["headers", "dast"]) {
      const e = await latestEvidence(ctx, check);
      const policy = policyFor(ctx.config, check);
      if (!e) {
        sections[check] = `_No ${check} evidence yet: run \`opsgate ${check}\`, then regenerate this runbook._`;
        continue;
      }
      const skip = e.verdict === "skip" ? e.skipped?.reason ?? e.summary : void 0;
      summary.push(
        `| ${check} | ${e.verdict === "skip" ? "⏭️ skip" : e.verdict} | ${e.run.startedAt.slice(0, 16).replace("T", " ")} | ${policy.failOnSeverity} | ${mdCell(e.summary)} |`
      );
      const open = e.findings.filter((f) => !f.suppressed);
      const failedThresholds = e.thresholds.filter((t) => !t.ok && !t.skipped);
      const rows = [];
      for (const f of sortBySeverity(open)) {
        const since = await failingSince(
          ctx.store,
          check,
          (h) => h.findings.some((x) => x.fingerprint === f.fingerprint && !x.suppressed)
        );
        const gate = severityAtLeast(f.severity, policy.failOnSeverity) ? "fails" : "warns";
        rows.push(
          `| ${f.severity} (${gate}) | ${mdCell(f.title)} | ${mdCell(f.location)} | ${mdCell(f.solution ?? f.detail)} | ${describeSince(since, "this run")} | \`${f.fingerprint}\` |`
        );
      }
      const parts = [];
      if (rows.length)
        parts.push(
          "| Severity | Finding | Where | What to do | Open since | Fingerprint |",
          "|---|---|---|---|---|---|",
          ...rows
        );
      for (const t of failedThresholds)
        parts.push(`- ❌ ${mdCell(t.name)}: expected ${mdCell(t.limit)}, got ${mdCell(t.actual)}`);
      const suppressed = e.findings.filter((f) => f.suppressed);
      if (suppressed.length)
        parts.push(
          "",
          `Accepted risks (${suppressed.length}): ${suppressed.map((f) => `${mdCell(f.title)} — ${mdCell(f.suppressed.reason)}${f.suppressed.expires ? ` (until ${f.suppressed.expires})` : ""}`).join("; ")}`
        );
      if (skip !== void 0)
        parts.unshift(
          `⏭️ **The latest ${check} run was skipped** — ${mdCell(skip)}. Nothing was scanned, so the absence of findings says nothing; make the scan run, then regenerate this runbook.`
        );
      sections[check] = parts.length ? parts.join("\n") : `_No open ${check} findings in the latest run._`;
    }
    return {
      summary: summary.length ? ["| Check | Verdict | Run | Fails at | Summary |", "|---|---|---|---|---|", ...summary].join("\n") : "_No security evidence yet._",
      headerFindings: sections.headers,
      dastFindings: sections.dast,
      target: ctx.config.target["base-url"]
    };
  }
};
var order = ["critical", "high", "medium", "low", "info"];
function sortBySeverity(f) {
  return [...f].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
}

// src/core/runbooks/data/slow-query-triage.ts
var slowQueryTriageRunbook = {
  name: "slow-query-triage",
  title: "Slow query triage",
  description: "Open this when the db gate fails: a query guard’s plan or p95 broke, a plan changed against the baseline, or a frequent statement is slow on average.",
  async data(ctx) {
    const e = await latestEvidence(ctx, "db");
    const d = e?.data ?? {};
    return {
      state: e ? `Latest db run: **${e.verdict}** at ${e.run.startedAt} (\`${mdCell(e.data?.where ?? e.target.url)}\`) — ${mdCell(e.summary)}` : "_No db evidence yet: run `opsgate db`, then regenerate this runbook._",
      failing: e ? await failingTable(ctx.store, e) : "_No db evidence yet._",
      topQueries: topTable(d),
      guards: guardTable(d),
      reproduce: reproduce(d)
    };
  }
};
async function failingTable(store, e) {
  const rows = [];
  for (const t of e.thresholds.filter((x) => !x.ok && !x.skipped)) {
    const since = await failingSince(store, "db", (h) => {
      const x = h.thresholds.find((y) => y.name === t.name);
      return x && !x.skipped ? !x.ok : void 0;
    });
    rows.push(
      `| ${mdCell(t.name)} | ${mdCell(withUnit(t.limit, t.unit))} | ${mdCell(withUnit(t.actual, t.unit))} | ${mdCell(t.detail ?? "")} | ${describeSince(since, "this run")} |`
    );
  }
  for (const f of e.findings.filter((x) => x.severity === "high" || x.severity === "critical"))
    rows.push(`| ${mdCell(f.title)} | — | ${f.severity} | ${mdCell(f.solution ?? f.detail)} | — |`);
  if (!rows.length) return "_Nothing is failing in the latest db run._";
  return ["| Control | Expected | Actual | Detail | Failing since |", "|---|---|---|---|---|", ...rows].join(
    "\n"
  );
}
function topTable(d) {
  const t = d.topQueries;
  if (!t) return "_No top-queries evidence yet._";
  if (!t.available) return `_pg_stat_statements unavailable: ${mdCell(t.reason)}._`;
  if (!t.byTotal?.length) return "_No statements recorded yet._";
  return [
    "| Statement | Calls | Total ms | Mean ms | Max ms |",
    "|---|---:|---:|---:|---:|",
    ...t.byTotal.map(
      (s) => `| ${mdCell(s.query.replace(/\s+/g, " ").slice(0, 160))} | ${s.calls} | ${s.totalMs} | ${s.meanMs} | ${s.maxMs} |`
    )
  ].join("\n");
}
function guardTable(d) {
  if (!d.guards?.length) return "_No query guards configured (`db.queries` in opsgate.yml)._";
  return [
    "| Guard | p50 ms | p95 ms | Plan |",
    "|---|---:|---:|---|",
    ...d.guards.map(
      (g) => `| ${mdCell(g.name)} | ${g.p50Ms ?? "—"} | ${g.p95Ms ?? "—"} | ${g.ok ? mdCell(
        (g.nodes ?? []).slice(0, 8).map((n) => n.label).join(" → ")
      ) : "did not run"} |`
    )
  ].join("\n");
}
function reproduce(d) {
  const guards = d.guards ?? [];
  const lines = [
    "Against a staging copy, with the same read-only role (the URL stays in the environment):",
    "",
    "```sh"
  ];
  for (const g of guards.slice(0, 5))
    lines.push(
      `psql "$OPSGATE_DB_URL" -c "EXPLAIN (ANALYZE, BUFFERS) ${g.sql.replace(/\s+/g, " ").replace(/"/g, '\\"')}"`
    );
  lines.push("npx opsgate db --config opsgate.yml --out opsgate-out", "```");
  if (guards.some((g) => g.sql.includes("$1")))
    lines.push("", "Replace `$1`, `$2`, … with the values in the guard’s `params`.");
  return lines.join("\n");
}

// src/core/runbooks/registry.ts
var runbooks = {
  [disasterRecoveryRunbook.name]: disasterRecoveryRunbook,
  [loadRegressionTriageRunbook.name]: loadRegressionTriageRunbook,
  [securityFindingsTriageRunbook.name]: securityFindingsTriageRunbook,
  [accessControlIncidentRunbook.name]: accessControlIncidentRunbook,
  [slowQueryTriageRunbook.name]: slowQueryTriageRunbook
};

// src/core/runbooks/template.ts
var placeholder = /\{\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}\}/g;
var TemplateDataError = class extends Error {
  constructor(template, missing) {
    super(`runbook template ${template}: no data for ${missing.map((m) => `{{${m}}}`).join(", ")}`);
    this.template = template;
    this.missing = missing;
    this.name = "TemplateDataError";
  }
  template;
  missing;
};
function renderTemplate(template, data, label = "template") {
  const missing = /* @__PURE__ */ new Set();
  const out = template.replace(placeholder, (_whole, key) => {
    const value = lookup(data, key);
    if (value === void 0) {
      missing.add(key);
      return "";
    }
    return show(value);
  });
  if (missing.size) throw new TemplateDataError(label, [...missing]);
  return out;
}
function lookup(data, key) {
  let node = data;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return void 0;
    node = node[part];
  }
  return node;
}
function show(value) {
  if (value === null) return "—";
  if (Array.isArray(value)) return value.map(show).join("\n");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// src/core/runbooks/render-runbooks.ts
function templateDirs(configDir) {
  const here = path11.dirname(fileURLToPath2(import.meta.url));
  return [
    path11.join(configDir, "runbooks", "templates"),
    path11.resolve(here, "../../../runbooks/templates"),
    path11.resolve(here, "../runbooks/templates")
  ];
}
async function readTemplate(def, configDir) {
  const tried = [];
  for (const dir of templateDirs(configDir)) {
    const file = path11.join(dir, `${def.name}.md`);
    tried.push(file);
    if (existsSync8(file)) return { text: await readFile3(file, "utf8"), file };
  }
  throw new Error(`runbook template ${def.name}.md not found (tried ${tried.join(", ")})`);
}
async function renderRunbooks(opts) {
  const names = opts.names ?? Object.keys(runbooks);
  const unknown = names.filter((n) => !runbooks[n]);
  if (unknown.length) {
    throw new ConfigError(
      unknown.map((n) => ({
        path: "",
        message: `unknown runbook "${n}" (known: ${Object.keys(runbooks).join(", ")})`
      }))
    );
  }
  const ctx = { ...opts, now: opts.now ?? /* @__PURE__ */ new Date() };
  const dir = opts.dir ?? path11.join(opts.outDir, "runbooks");
  await mkdir2(dir, { recursive: true });
  const written = [];
  for (const name of names) {
    const def = runbooks[name];
    const template = await readTemplate(def, opts.configDir);
    const data = {
      title: def.title,
      description: def.description,
      generatedAt: ctx.now.toISOString(),
      ...await def.data(ctx)
    };
    const file = path11.join(dir, `${name}.md`);
    await writeFileAtomic(file, redact(renderTemplate(template.text, data, template.file)));
    written.push({ name, title: def.title, file, template: template.file });
  }
  return written;
}

// src/cli/commands/runbooks.ts
function registerRunbooks(program2) {
  program2.command("runbooks").description("regenerate runbooks (disaster recovery, …) from templates and the latest evidence").option("--dir <dir>", "where to write the runbooks (default: <out>/runbooks)").option("--only <names...>", "only these runbooks").action(async (options) => {
    const opts = program2.opts();
    const { config, dir } = await loadConfig(opts.config);
    const written = await renderRunbooks({
      config,
      configDir: dir,
      configFile: path12.resolve(opts.config),
      outDir: path12.resolve(opts.out),
      store: localEvidenceStore(path12.resolve(dir, config.store.dir)),
      ...options.dir ? { dir: path12.resolve(options.dir) } : {},
      ...options.only ? { names: options.only } : {}
    });
    for (const r of written) console.log(`${r.name}: ${r.file}`);
  });
}

// src/cli/commands/signoff.ts
function registerSignoff(program2) {
  program2.command("signoff").description("record a drill sign-off (/signoff comment or ticked box by an approver) in the drill log").requiredOption("--event <file>", "GitHub event payload (GITHUB_EVENT_PATH)").requiredOption("--event-name <name>", "issue_comment or issues (GITHUB_EVENT_NAME)").option("--drill <file>", "drill definition with the approvers", "drills/monthly.yml").option("--approvers <logins>", "additional approvers, comma separated", "").action(async (opts) => {
    const result = await runSignoff({
      configFile: program2.opts().config,
      drillFile: opts.drill,
      approvers: opts.approvers.split(/[\s,]+/).filter(Boolean),
      eventName: opts.eventName,
      eventPath: opts.event
    });
    console.log(
      result.decision.recorded ? `signed off: Drill ${result.decision.record.drill} by @${result.decision.record.approver}${result.appended ? "" : " (already recorded)"}` : `not recorded: ${result.decision.reason}`
    );
  });
}

// src/cli/commands/index.ts
var extraCommands = [
  registerDrill,
  registerRunbooks,
  registerPublish,
  registerDemo,
  registerInit,
  registerSignoff
];

// package.json
var package_default = {
  name: "opsgate",
  version: "0.1.0",
  description: "Measured, gated evidence for ops and security promises: k6 load baselines, ZAP DAST, RBAC and abuse probes, restore drills, written back to GitHub.",
  license: "MIT",
  type: "module",
  engines: {
    node: ">=20.19"
  },
  bin: {
    opsgate: "dist/opsgate.js"
  },
  files: [
    "dist/",
    "schema/",
    "actions/",
    "runbooks/templates/",
    "drills/",
    "workflows/",
    "docs/"
  ],
  scripts: {
    opsgate: "tsx src/cli/main.ts",
    demo: "tsx scripts/demo.ts",
    pg: "tsx scripts/postgres.ts",
    build: "tsx scripts/build.ts",
    "check-dist": "tsx scripts/check-dist.ts",
    docs: "tsx scripts/docs.ts",
    typecheck: "tsc --noEmit",
    lint: "eslint .",
    format: "prettier --write .",
    test: "tsc --noEmit && eslint . && prettier --check . && vitest run",
    "gen-actions": "tsx scripts/gen-actions.ts"
  },
  devDependencies: {
    "@actions/artifact": "6.2.1",
    "@actions/core": "3.0.1",
    "@actions/exec": "3.0.0",
    "@eslint/js": "10.0.1",
    "@octokit/plugin-retry": "8.1.1",
    "@octokit/plugin-throttling": "11.0.5",
    "@octokit/rest": "22.0.1",
    "@types/autocannon": "7.12.7",
    "@types/node": "20.19.43",
    "@types/pg": "8.23.1",
    ajv: "8.20.0",
    "ajv-formats": "3.0.1",
    autocannon: "8.0.0",
    commander: "14.0.3",
    esbuild: "0.28.2",
    eslint: "10.15.0",
    "js-yaml": "5.5.0",
    "parse-prometheus-text-format": "1.1.1",
    pg: "8.23.1",
    prettier: "3.10.1",
    "prom-client": "15.1.3",
    tsx: "4.23.15",
    typescript: "5.9.3",
    "typescript-eslint": "8.73.0",
    vitest: "4.1.12",
    yaml: "2.9.1",
    zod: "4.6.7",
    zx: "8.8.5"
  },
  overrides: {
    "content-type": "2.1.0"
  }
};

// src/cli/main.ts
async function main(argv) {
  installRedactingOutput();
  const program2 = new Command("opsgate").description("Measured, gated evidence for ops and security promises.").option("-c, --config <file>", "configuration file", "opsgate.yml").option("-o, --out <dir>", "output directory for evidence and reports", "opsgate-out").version(package_default.version, "-V, --version", "print the opsgate version").configureHelp({ showGlobalOptions: true }).exitOverride().configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerValidate(program2);
  for (const check of Object.values(checks)) registerCheckCommand(program2, check);
  registerGate(program2);
  for (const register of extraCommands) register(program2);
  try {
    process.exitCode = void 0;
    await program2.parseAsync(argv, { from: "user" });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    return reportFailure(err);
  }
}
function reportFailure(err) {
  if (err instanceof CommanderError) {
    return err.exitCode === 0 ? 0 : ExitCode.config;
  }
  if (err instanceof ConfigError) {
    console.error(
      `opsgate: configuration error${err.problems.length > 1 ? `s (${err.problems.length})` : ""}:`
    );
    console.error(redact(err.message).replace(/^/gm, "  "));
    return ExitCode.config;
  }
  if (err instanceof TargetUnreachableError) {
    console.error(`opsgate: ${redact(err.message)}`);
    return ExitCode.runtime;
  }
  console.error(`opsgate: ${redact(err instanceof Error ? err.message : String(err))}`);
  if (process.env.OPSGATE_DEBUG) console.error(err);
  return ExitCode.runtime;
}
var invokedDirectly = process.argv[1] && /(?:main\.ts|opsgate(?:\.js)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
export {
  main
};
