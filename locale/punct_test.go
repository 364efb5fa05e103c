package locale_test

import (
	"regexp"
	"sort"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/copydesk/copydesk/internal/langcheck"
)

// syntaxIDs are the messages whose half-width marks are syntax a user
// types or a program reads, not prose: search operators (作者:登录名), the
// workflow's when: tag:NAME, checklist answers (3=是:说明), host:port,
// hour:minute, comma-separated lists, hash prefixes (sha256:…, SHA256:…).
// Nothing else may use them.
var syntaxIDs = map[string]bool{
	"CLIArgKeyFP":                 true,
	"CLIArgLoginAndKeyFP":         true,
	"CLIShowChecklist":            true,
	"CLIVerifyHeadBad":            true,
	"CLIVerifyHeadSSH":            true,
	"CmdArticleApproveFlagAnswer": true,
	"CmdArticleNewFlagTag":        true,
	"CmdArticleSignoffFlagAnswer": true,
	"CmdNotifyAddFlagSmtp":        true,
	"CmdVerifyFlagHead":           true,
	"CmdVerifyLong":               true,
	"ErrAnswerFormat":             true,
	"ErrMediaMissing":             true,
	"ErrMediaNotImage":            true,
	"ErrMediaType":                true,
	"ErrSiteURLQuery":             true,
	"ErrWorkflowBool":             true,
	"ErrWorkflowWhen":             true,
	"ErrWorkflowWho":              true,
	"ExportPathDrive":             true,
	"PublishHostKeyMismatch":      true,
	"StoreBadClock":               true,
	"StoreOutsideExportDirsAt":    true,
	"TUIMetaTagsHint":             true,
	"TUIFormPhotoHint":            true, // quotes the credits line's 摄: as printed
	"TUISearchPlaceholder":        true,
}

// TestChinesePunctuation: Chinese text takes full-width marks (GB/T
// 15834-2011): no message of the zh-CN catalog puts a half-width ( ) : , ;
// ! ? against a Chinese character, a placeholder counted as one.
func TestChinesePunctuation(t *testing.T) {
	var raw map[string]any
	if _, err := toml.DecodeFile("zh-CN.toml", &raw); err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`{{[^}]*}}`)
	var bad []string
	for id, v := range raw {
		forms := map[string]any{"": v}
		if m, ok := v.(map[string]any); ok {
			forms = m
		}
		for _, f := range forms {
			s, _ := f.(string)
			if hits := langcheck.HalfWidthPunct(placeholder.ReplaceAllString(s, "某")); len(hits) > 0 && !syntaxIDs[id] {
				bad = append(bad, id+": "+s)
			}
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}
