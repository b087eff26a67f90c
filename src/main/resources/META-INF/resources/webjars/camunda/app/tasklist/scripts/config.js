/*
 * Tasklist configuration of phaseout-engine (replaces the webjar's default config.js on the
 * classpath). Tasklist speaks Dutch to a browser that asks for Dutch (locales/nl.json, our own
 * translation) and English otherwise.
 */
export default {
  locales: {
    availableLocales: ['nl', 'en'],
    fallbackLocale: 'en'
  },
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  },

  // The webjar's defaults, kept.
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
