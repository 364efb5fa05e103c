package store

import (
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"net/http"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// AddMedia stores a photo or file by content. Adding the same bytes again
// returns the stored record. Any user may add media.
func (s *Store) AddMedia(act Actor, name string, data []byte, caption, credit string) (*model.Media, error) {
	name, err := model.CleanMediaName(name)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, &model.FieldError{Field: "media", Reason: "the file is empty", ID: "StoreMediaEmpty"}
	}
	if len(data) > model.MaxMediaBytes {
		return nil, &model.FieldError{Field: "media", Reason: fmt.Sprintf("the file is %d bytes; the limit is %d bytes (%d MiB)", len(data), model.MaxMediaBytes, model.MaxMediaBytes>>20),
			ID: "StoreMediaTooBig", Args: locale.Args{"Size": len(data), "Max": model.MaxMediaBytes, "MiB": model.MaxMediaBytes >> 20}}
	}
	id, digest := model.MediaID(data)
	m := model.Media{ID: id, SHA256: digest, Name: name, Type: http.DetectContentType(data), Size: int64(len(data)),
		Caption: model.CanonicalLine(caption), Credit: model.CanonicalLine(credit), By: act.Login}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	err = s.update(func(t *wtx) error {
		if _, err := t.actor(act); err != nil {
			return err
		}
		var old model.Media
		if ok, err := getJSON(t.tx, bucketMedia, []byte(id), &old); err != nil || ok {
			if ok && old.SHA256 != digest {
				return locale.NewError("StoreMediaIDTaken", locale.Args{"ID": id}, ErrExists)
			}
			m = old
			return err
		}
		m.Added = s.now().UTC()
		if err := putJSON(t.tx.Bucket(bucketMedia), []byte(id), &m); err != nil {
			return err
		}
		if err := t.tx.Bucket(bucketMediaData).Put([]byte(id), data); err != nil {
			return err
		}
		_, err := t.audit(act, model.AuditRecord{Action: model.ActMedia, ContentHash: "sha256:" + digest, Detail: name})
		return err
	})
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// Media returns a media record and a copy of its bytes.
func (s *Store) Media(id string) (*model.Media, []byte, error) {
	var m model.Media
	var data []byte
	err := s.view(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx, bucketMedia, []byte(id), &m)
		if err != nil {
			return err
		}
		if !ok {
			return locale.NewError("StoreNoMedia", locale.Args{"ID": id}, ErrNotFound)
		}
		data = append([]byte(nil), tx.Bucket(bucketMediaData).Get([]byte(id))...)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return &m, data, nil
}

// CreditedPhotographers is who c's credits line names after 摄
// (model.Content.CreditedPhotographers): c's own 摄影, or else the credits
// of the stored photos c shows, read in one view transaction. Media records
// never change once stored, so the answer for a signed revision is fixed.
func (s *Store) CreditedPhotographers(c *model.Content) ([]string, error) {
	if len(c.Photographers) > 0 || len(c.Media) == 0 {
		return c.Photographers, nil
	}
	var out []string
	err := s.view(func(tx *bolt.Tx) error {
		out = c.CreditedPhotographers(func(id string) *model.Media {
			m, err := txMediaInfo(tx, id)
			if err != nil {
				return nil
			}
			return m
		})
		return nil
	})
	return out, err
}
