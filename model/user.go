package model

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// Role is one of the fixed access levels of the office. A user may hold several.
type Role string

// The roles.
const (
	RoleWriter   Role = "writer"   // 撰稿: writes and submits articles
	RoleReviewer Role = "reviewer" // 审核: approves or returns at review stages
	RoleChief    Role = "chief"    // 主编: signs off (签发)
	RoleAdmin    Role = "admin"    // manages users and settings
)

// AllRoles lists the roles in display order.
var AllRoles = []Role{RoleWriter, RoleReviewer, RoleChief, RoleAdmin}

// Label is the role's Chinese name as the office says it.
func (r Role) Label() string {
	switch r {
	case RoleWriter:
		return "撰稿"
	case RoleReviewer:
		return "审核"
	case RoleChief:
		return "主编"
	case RoleAdmin:
		return "管理员"
	}
	return string(r)
}

// roleNames are the Chinese names ParseRoles accepts besides the Role values.
var roleNames = map[string]Role{
	"撰稿": RoleWriter, "撰稿人": RoleWriter, "作者": RoleWriter,
	"审核": RoleReviewer, "审核员": RoleReviewer,
	"主编": RoleChief, "签发": RoleChief,
	"管理员": RoleAdmin, "管理": RoleAdmin,
}

// ParseRole accepts one role by its name in either language: writer,
// reviewer, chief, admin (any case) or 撰稿, 审核(员), 主编, 管理员.
func ParseRole(s string) (Role, error) {
	s = strings.TrimSpace(s)
	if r := Role(strings.ToLower(s)); slices.Contains(AllRoles, r) {
		return r, nil
	}
	if r, ok := roleNames[s]; ok {
		return r, nil
	}
	return "", fieldMsg("role", "ErrUnknownRole", map[string]any{"Value": s}, "unknown role %q (known: writer 撰稿, reviewer 审核, chief 主编, admin 管理员)", s)
}

// ParseRoles parses a comma-separated role list such as "writer,reviewer"
// or "撰稿，审核" (ASCII or full-width commas, either language).
func ParseRoles(s string) ([]Role, error) {
	var out []Role
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		r, err := ParseRole(p)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fieldMsg("role", "ErrRoleMissing", nil, "at least one role is required")
	}
	return out, nil
}

// MessageID is the role's entry in the message catalog: RoleWriter, ….
func (r Role) MessageID() string { return "Role" + titleASCII(string(r)) }

// MessageArgs is empty: a role's label has no placeholders.
func (r Role) MessageArgs() map[string]any { return nil }

// User is a member of the office.
type User struct {
	Login      string    `json:"login"`
	Display    string    `json:"display"`
	Department string    `json:"department,omitempty"`
	Roles      []Role    `json:"roles"`
	Keys       []Key     `json:"keys,omitempty"`
	Created    time.Time `json:"created"`
	// Lang is the language the user's workstation and commands speak,
	// whatever the terminal or SSH client asks: one of UserLangs ("zh-CN",
	// "en"), or "" when the user has not chosen (then the environment
	// decides; see README "Language").
	Lang string `json:"lang,omitempty"`
}

// UserLangs are the values User.Lang may take besides "": the message
// catalog's languages (locale.Langs), named as the catalog names them.
var UserLangs = []string{"zh-CN", "en"}

// Key is an SSH public key of a user, kept in authorized_keys form, with
// who added it and how.
type Key struct {
	Fingerprint string    `json:"fingerprint"` // SHA256:… as ssh-keygen -l prints it
	Line        string    `json:"line"`        // "ssh-ed25519 AAAA… comment"
	Added       time.Time `json:"added"`
	// AddedBy is the login that added the key; How is one of the KeyBy…
	// values. Keys of databases before schema 3 count as KeyByAdmin.
	AddedBy string `json:"added_by,omitempty"`
	How     string `json:"how,omitempty"`
}

// How a key came to its account.
const (
	KeyBySelf       = "self"        // the owner added it (me key add, or their own first key)
	KeyByInvite     = "invite"      // the owner bound it with an invitation code (ssh host join CODE)
	KeyByAdminLocal = "admin-local" // an admin added it with local file access (user add --key-file, user key add)
	KeyByAdmin      = "admin"       // added by someone else before this was recorded (migrated)
)

// OwnedBy reports whether the key was added by its owner (self or by
// invitation). Any other key is flagged in user list and in the record of
// every decision made with it.
func (k *Key) OwnedBy(login string) bool {
	return (k.How == KeyBySelf || k.How == KeyByInvite) && (k.AddedBy == "" || k.AddedBy == login)
}

// Flag is the note a decision made with this key carries: "" for a key
// its owner added, else who added it and how.
func (k *Key) Flag(login string) string {
	if k.OwnedBy(login) {
		return ""
	}
	by := k.AddedBy
	if by == "" {
		by = "an admin"
	}
	how := k.How
	if how == "" {
		how = KeyByAdmin
	}
	return "key " + k.Fingerprint + " not added by its owner (" + how + ", by " + by + ")"
}

// Has reports whether the user holds role r.
func (u *User) Has(r Role) bool { return u != nil && slices.Contains(u.Roles, r) }

// Name is the display name, or the login when there is none.
func (u *User) Name() string {
	if u.Display != "" {
		return u.Display
	}
	return u.Login
}

var loginRE = regexp.MustCompile(`^[a-z0-9_-]{1,32}$`)

// ValidateLogin checks a login name: 1–32 of [a-z0-9_-].
func ValidateLogin(login string) error {
	if !loginRE.MatchString(login) {
		return fieldMsg("login", "ErrLogin", map[string]any{"Value": login}, "%q is not a valid login: use 1–32 lowercase letters, digits, _ or -", login)
	}
	return nil
}

// systemAccounts are OS accounts that belong to the machine, not to a
// person: their names are never offered as someone's login.
var systemAccounts = []string{"root", "nobody", "daemon", "bin", "sys", "www-data", "systemd-network"}

// SystemAccount reports whether name is an OS account of the machine
// (root, nobody, daemon …) rather than of a person: a login taken from
// $USER must not be one, or the first user of a container's database would
// be "root".
func SystemAccount(name string) bool { return slices.Contains(systemAccounts, name) }

// Validate checks every field of the user.
func (u *User) Validate() error {
	if err := ValidateLogin(u.Login); err != nil {
		return err
	}
	if err := checkLine("display", u.Display, 64, true); err != nil {
		return err
	}
	if err := checkLine("department", u.Department, 64, false); err != nil {
		return err
	}
	if u.Lang != "" && !slices.Contains(UserLangs, u.Lang) {
		return fieldMsg("lang", "ErrUnknownLang", map[string]any{"Value": u.Lang}, "unknown language %q (zh-CN or en)", u.Lang)
	}
	if len(u.Roles) == 0 {
		return fieldMsg("role", "ErrRoleMissing", nil, "at least one role is required")
	}
	for _, r := range u.Roles {
		if !slices.Contains(AllRoles, r) && ValidateRoleName(string(r)) != nil {
			return fieldMsg("role", "ErrUnknownRole", map[string]any{"Value": string(r)}, "unknown role %q", r)
		}
	}
	return nil
}

// String is the role's name (a custom role's catalog entry does not exist,
// so the message catalog falls back to it).
func (r Role) String() string { return string(r) }

// MayExport is the one rule for who may export (and publish) the site:
// a chief (主编) or an admin. The TUI's export key, the export page and the
// export command over SSH all ask it. It returns nil, or a *DeniedError
// wrapping ErrRoleRequired with the catalog message ErrExportRole.
func MayExport(u *User) error {
	if u.Has(RoleChief) || u.Has(RoleAdmin) {
		return nil
	}
	login := ""
	if u != nil {
		login = u.Login
	}
	return &DeniedError{Err: ErrRoleRequired, ID: "ErrExportRole",
		Detail: "exporting the site needs the chief or admin role; " + login + " has neither",
		Args:   map[string]any{"Login": login}}
}
