package export

import (
	"cmp"
	"slices"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// Held is an article an export leaves off the site although it was signed
// off or approved, and why, so the one who exports is told rather than left
// to wonder (Result.Held, Unsigned).
type Held struct {
	ID     uint64
	Title  string
	Reason HeldReason
	// At is when a scheduled article goes online (HeldScheduled) or when
	// it was taken down (HeldTakenDown); zero otherwise.
	At time.Time
	// Stage is the stage an unsigned article waits at (HeldUnsigned).
	Stage string
}

// HeldReason says why an article is not on the site.
type HeldReason string

// The reasons, in the order a summary lists them.
const (
	HeldScheduled HeldReason = "scheduled"      // 定时发布: signed off, online at At
	HeldStale     HeldReason = "schedule-stale" // its schedule no longer matches the signed text: held until signed again
	HeldFiltered  HeldReason = "filtered"       // left out by another filter of the export
	HeldTakenDown HeldReason = "taken-down"     // 撤稿 at At
	HeldUnsigned  HeldReason = "unsigned"       // approved at a stage, not yet signed off (Unsigned)
)

var heldOrder = []HeldReason{HeldScheduled, HeldStale, HeldFiltered, HeldTakenDown, HeldUnsigned}

// heldBy is why articleFilters refused a.
func heldBy(a *Article) Held {
	h := Held{ID: a.ID, Title: a.Title, Reason: HeldFiltered}
	switch {
	case a.Embargo.Equal(model.EmbargoHeld):
		h.Reason = HeldStale
	case !a.Embargo.IsZero():
		h.Reason, h.At = HeldScheduled, a.Embargo
	}
	return h
}

// sortHeld orders held articles by reason, then by ID.
func sortHeld(h []Held) []Held {
	slices.SortStableFunc(h, func(a, b Held) int {
		return cmp.Or(cmp.Compare(slices.Index(heldOrder, a.Reason), slices.Index(heldOrder, b.Reason)), cmp.Compare(a.ID, b.ID))
	})
	return h
}

// Unsigned lists the articles of st in review that some stage has
// approved (their current text) but that are not signed off: an export
// does not publish them, and whoever exports may expect to see them. An
// article already on the site with a correction in review is not listed
// (the site keeps its signed text).
func Unsigned(st *store.Store) ([]Held, error) {
	rows, err := st.List(store.Filter{States: []model.State{model.StateReview}})
	if err != nil {
		return nil, err
	}
	var out []Held
	for _, r := range rows {
		a, err := st.Get(r.ID)
		if err != nil {
			if store.IsNotFound(err) {
				continue
			}
			return nil, err
		}
		if a.Signed != nil || len(a.ValidApprovals()) == 0 {
			continue
		}
		out = append(out, Held{ID: a.ID, Title: a.Title, Reason: HeldUnsigned, Stage: r.StageName})
	}
	return out, nil
}

// MaxHeldLines bounds how many held articles HeldLines names one by one.
const MaxHeldLines = 20

// HeldLines renders held articles for an export's summary in lang: a
// heading with the count, then one line per article (number, title, why,
// when, in zone) — at most MaxHeldLines, then how many more. None: no
// lines.
func HeldLines(lang locale.Lang, held []Held, zone *time.Location) []string {
	if len(held) == 0 {
		return nil
	}
	if zone == nil {
		zone = time.Local
	}
	out := []string{locale.T(lang, "ExportHeldHead", locale.Args{"Count": len(held)})}
	for i, h := range held {
		if i == MaxHeldLines {
			out = append(out, locale.T(lang, "ExportHeldMore", locale.Args{"Count": len(held) - i}))
			break
		}
		args := locale.Args{"ID": h.ID, "Title": termsafe.Line(h.Title), "Stage": termsafe.Line(h.Stage)}
		if !h.At.IsZero() {
			args["At"] = h.At.In(zone).Format("2006-01-02 15:04")
		}
		id := map[HeldReason]string{HeldScheduled: "ExportHeldScheduled", HeldStale: "ExportHeldStale", HeldTakenDown: "ExportHeldTakenDown",
			HeldUnsigned: "ExportHeldUnsigned"}[h.Reason]
		if id == "" {
			id = "ExportHeldFiltered"
		}
		out = append(out, locale.T(lang, id, args))
	}
	return out
}
