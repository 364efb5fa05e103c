package proof

import "github.com/copydesk/copydesk/model"

func fixContent(body string) model.Content {
	return model.Content{Kind: model.KindMeeting, Title: "标题", Body: body}
}
