package model_test

import (
	"errors"
	"testing"

	"github.com/copydesk/copydesk/model"
)

// MayExport is the one export rule: a chief or an admin, nobody else (and
// no user at all is refused, not a crash).
func TestMayExport(t *testing.T) {
	for _, c := range []struct {
		roles []model.Role
		ok    bool
	}{
		{[]model.Role{model.RoleChief}, true},
		{[]model.Role{model.RoleAdmin}, true},
		{[]model.Role{model.RoleWriter, model.RoleChief}, true},
		{[]model.Role{model.RoleWriter}, false},
		{[]model.Role{model.RoleReviewer}, false},
		{[]model.Role{model.RoleWriter, model.RoleReviewer}, false},
		{nil, false},
	} {
		err := model.MayExport(&model.User{Login: "x", Roles: c.roles})
		if (err == nil) != c.ok {
			t.Errorf("roles %v: err %v, want allowed=%v", c.roles, err, c.ok)
		}
		var d *model.DeniedError
		if err != nil && (!errors.Is(err, model.ErrRoleRequired) || !errors.As(err, &d) || d.MessageID() != "ErrExportRole") {
			t.Errorf("roles %v: %v is not a role refusal with its catalog message", c.roles, err)
		}
	}
	if model.MayExport(nil) == nil {
		t.Error("no user may export")
	}
}
