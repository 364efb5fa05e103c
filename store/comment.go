package store

import (
	"fmt"
	"github.com/copydesk/copydesk/locale"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// AddComment anchors a comment to paragraph para (from 0) of revision rev
// (0: the head) of article id. Any user who may see the article
// (model.MayRead) may comment; the quote is taken from the stored
// revision, not the caller. Errors: ErrNotFound (article, revision); a
// *model.DeniedError (ErrNotVisible, or no user); a *model.FieldError
// (text, paragraph). A refusal writes nothing and audits nothing.
func (s *Store) AddComment(act Actor, id uint64, rev, para int, text string) (*model.Comment, error) {
	c := model.Comment{Article: id, Rev: max(rev, 1), Para: para, Text: model.CanonicalText(text)}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	err := s.update(func(t *wtx) error {
		_, a, err := t.actorReading(act, id)
		if err != nil {
			return err
		}
		if rev == 0 {
			rev = a.Rev
		}
		c.Rev = rev
		r, err := txRevision(t.tx, id, rev)
		if err != nil {
			return err
		}
		paras := model.Paragraphs(r.Content.Body)
		if para >= len(paras) {
			return &model.FieldError{Field: "paragraph", Reason: fmt.Sprintf("revision %d has %d paragraphs; there is no paragraph %d", rev, len(paras), para+1),
				ID: "StoreNoParagraph", Args: locale.Args{"Rev": rev, "N": len(paras), "Para": para + 1}}
		}
		b := t.tx.Bucket(bucketComments)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		c.ID, c.Quote, c.Author, c.At = seq, model.Quote(paras[para], 24), act.Login, s.now().UTC()
		if err := putJSON(b, idKey(id, seq), &c); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActComment, Article: id, Rev: rev,
			Detail: fmt.Sprintf("comment %d on paragraph %d", seq, para+1)})
		return err
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// ResolveComment marks comment commentID of article id resolved, by a
// user model.MayResolve allows: one who may see the article (asked first,
// as AddComment does) and is the comment's author, a writer of the
// article, a user its current stage waits for, the signer or an admin.
// Errors: ErrNotFound (article, comment); a *model.DeniedError
// (ErrNotVisible, ErrResolveDenied, or no user). A refusal writes nothing
// and audits nothing.
func (s *Store) ResolveComment(act Actor, id, commentID uint64) error {
	return s.update(func(t *wtx) error {
		u, a, err := t.actorReading(act, id)
		if err != nil {
			return err
		}
		b := t.tx.Bucket(bucketComments)
		var c model.Comment
		ok, err := getJSON(t.tx, bucketComments, idKey(id, commentID), &c)
		if err != nil {
			return err
		}
		if !ok {
			return locale.NewError("StoreNoComment", locale.Args{"ID": id, "Comment": commentID}, ErrNotFound)
		}
		if err := model.MayResolve(a, &c, u); err != nil {
			return err
		}
		c.Resolved, c.ResolvedBy, c.ResolvedAt = true, act.Login, s.now().UTC()
		if err := putJSON(b, idKey(id, commentID), &c); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActResolve, Article: id, Rev: c.Rev,
			Detail: fmt.Sprintf("comment %d resolved", commentID)})
		return err
	})
}

// Comments lists an article's comments in the order they were made, to a
// reader who may see it (readable: model.MayRead, or the local Holder).
func (s *Store) Comments(act Actor, id uint64) ([]model.Comment, error) {
	var out []model.Comment
	err := s.view(func(tx *bolt.Tx) (err error) {
		if _, err := s.readable(tx, act, id); err != nil {
			return err
		}
		out, err = txComments(tx, id)
		return err
	})
	return out, err
}
