package proof

// A finding's message is a catalog entry, not text: proof is pure and
// speaks no language. Finding.Msg is one of the IDs below and Finding.Args
// fills its placeholders ({{.Text}}, {{.Fix}} …); the UI layers render it
// with locale.Render (Finding implements locale.Message), in zh-CN or en.
// Every ID here is in both catalogs (locale's TestProofMessages).
const (
	MsgFullWidth        = "ProofMsgFullWidth"        // Mark: the full-width mark to use
	MsgPeriod           = "ProofMsgPeriod"           //
	MsgChineseQuote     = "ProofMsgChineseQuote"     // Mark
	MsgHalfWidthAlnum   = "ProofMsgHalfWidthAlnum"   //
	MsgNestedQuote      = "ProofMsgNestedQuote"      //
	MsgSingleQuote      = "ProofMsgSingleQuote"      //
	MsgSingleTitleMark  = "ProofMsgSingleTitleMark"  //
	MsgUnpaired         = "ProofMsgUnpaired"         // Mark, Pair
	MsgUnpairedNested   = "ProofMsgUnpairedNested"   // Mark, Pair
	MsgEllipsis         = "ProofMsgEllipsis"         //
	MsgEllipsisTwo      = "ProofMsgEllipsisTwo"      //
	MsgEllipsisMany     = "ProofMsgEllipsisMany"     //
	MsgEllipsisDeng     = "ProofMsgEllipsisDeng"     //
	MsgDash             = "ProofMsgDash"             //
	MsgDashSingle       = "ProofMsgDashSingle"       //
	MsgEnumCommaTitles  = "ProofMsgEnumCommaTitles"  //
	MsgEnumCommaNumbers = "ProofMsgEnumCommaNumbers" //
	MsgDoubledMark      = "ProofMsgDoubledMark"      //
	MsgClashingMarks    = "ProofMsgClashingMarks"    // Text
	MsgTrailingSpace    = "ProofMsgTrailingSpace"    //
	MsgSpaceHan         = "ProofMsgSpaceHan"         //
	MsgSpacePunct       = "ProofMsgSpacePunct"       //
	MsgShortYear        = "ProofMsgShortYear"        // Text
	MsgMixedNumbers     = "ProofMsgMixedNumbers"     // Fix
	MsgDoubledWord      = "ProofMsgDoubledWord"      // Text: the word
	MsgDoubledChar      = "ProofMsgDoubledChar"      // Text: the two characters
	MsgRelativeDate     = "ProofMsgRelativeDate"     // Text
	MsgTraditional      = "ProofMsgTraditional"      // Text, Fix
	MsgBanned           = "ProofMsgBanned"           // Term
	MsgBannedFix        = "ProofMsgBannedFix"        // Term, Fix
	MsgCaution          = "ProofMsgCaution"          // Term
	MsgCautionFix       = "ProofMsgCautionFix"       // Term, Fix
	MsgSensitive        = "ProofMsgSensitive"        // Term
	MsgNearMissFixed    = "ProofMsgNearMissFixed"    // Text, Fix
	MsgNearMissCountry  = "ProofMsgNearMissCountry"  // Text, Fix
	MsgNearMissOrg      = "ProofMsgNearMissOrg"      // Text, Fix
	MsgTitle            = "ProofMsgTitle"            // Name, Titles (joined with 、), Title
	MsgRankOrder        = "ProofMsgRankOrder"        // Name, Before
)

// MessageIDs lists every message ID a finding can carry, with the names of
// its arguments (for the catalog tests).
var MessageIDs = map[string][]string{
	MsgFullWidth: {"Mark"}, MsgPeriod: nil, MsgChineseQuote: {"Mark"}, MsgHalfWidthAlnum: nil,
	MsgNestedQuote: nil, MsgSingleQuote: nil, MsgSingleTitleMark: nil,
	MsgUnpaired: {"Mark", "Pair"}, MsgUnpairedNested: {"Mark", "Pair"},
	MsgEllipsis: nil, MsgEllipsisTwo: nil, MsgEllipsisMany: nil, MsgEllipsisDeng: nil,
	MsgDash: nil, MsgDashSingle: nil, MsgEnumCommaTitles: nil, MsgEnumCommaNumbers: nil,
	MsgDoubledMark: nil, MsgClashingMarks: {"Text"}, MsgTrailingSpace: nil, MsgSpaceHan: nil, MsgSpacePunct: nil,
	MsgShortYear: {"Text"}, MsgMixedNumbers: {"Fix"}, MsgDoubledWord: {"Text"}, MsgDoubledChar: {"Text"},
	MsgRelativeDate: {"Text"}, MsgTraditional: {"Text", "Fix"},
	MsgBanned: {"Term"}, MsgBannedFix: {"Term", "Fix"}, MsgCaution: {"Term"}, MsgCautionFix: {"Term", "Fix"},
	MsgSensitive: {"Term"}, MsgNearMissFixed: {"Text", "Fix"}, MsgNearMissCountry: {"Text", "Fix"}, MsgNearMissOrg: {"Text", "Fix"},
	MsgTitle: {"Name", "Titles", "Title"}, MsgRankOrder: {"Name", "Before"},
}

var nearMissMsg = map[ListKind]string{ListFixed: MsgNearMissFixed, ListCountry: MsgNearMissCountry, ListOrg: MsgNearMissOrg}

// message is a finding's message before it is placed: an ID and its
// arguments.
type message struct {
	id   string
	args map[string]string
}

// say makes a message from an ID and key, value pairs.
func say(id string, kv ...string) message {
	m := message{id: id}
	if len(kv) > 0 {
		m.args = make(map[string]string, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m.args[kv[i]] = kv[i+1]
		}
	}
	return m
}

// MessageID is the finding's catalog entry (locale.Message).
func (f Finding) MessageID() string { return f.Msg }

// MessageArgs are its placeholders (locale.Message).
func (f Finding) MessageArgs() map[string]any {
	out := make(map[string]any, len(f.Args))
	for k, v := range f.Args {
		out[k] = v
	}
	return out
}
