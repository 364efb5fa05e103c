package preview

import "github.com/copydesk/copydesk/locale"

// Lang is the language of the preview's interface text: zh-CN unless the
// workstation chose another at start (tui.SetLanguage).
var Lang = locale.Default
