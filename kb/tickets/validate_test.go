package tickets

import (
	"strings"
	"testing"
)

var testCategories = []string{"billing", "orders", "حساب-کاربری"}

func validInput() Input {
	return Input{
		Name:        "  مریم كريمي  ", // Arabic kaf and yeh: kept as typed
		Email:       "Maryam.K@Example.COM",
		Mobile:      "۰۹۱۲ ۱۲۳ ۴۵۶۷",
		Category:    "billing",
		Subject:     "پرداخت\tانجام شد\nولی سفارش ثبت نشد",
		Description: "\r\nدیروز پرداخت کردم و مبلغ کم شد،\r\nولی سفارش در پنل نیست.\r\n",
		Meta:        Meta{ClientIP: "203.0.113.7", UserAgent: "UA", Referrer: "/articles/refund"},
	}
}

func TestValidateCleansValidInput(t *testing.T) {
	got, errs := Validate(validInput(), testCategories)
	if errs != nil {
		t.Fatalf("Validate: %v", errs)
	}
	want := Ticket{
		Name:        "مریم كريمي",
		Email:       "Maryam.K@example.com",
		Mobile:      "09121234567",
		Category:    "billing",
		Subject:     "پرداخت انجام شد ولی سفارش ثبت نشد",
		Description: "دیروز پرداخت کردم و مبلغ کم شد،\nولی سفارش در پنل نیست.",
		Meta:        validInput().Meta,
	}
	if got.Name != want.Name || got.Email != want.Email || got.Mobile != want.Mobile || got.Category != want.Category ||
		got.Subject != want.Subject || got.Description != want.Description || got.Meta != want.Meta || len(got.Attachments) != 0 {
		t.Errorf("Validate\n got %+v\nwant %+v", got, want)
	}
}

func TestValidateFields(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Input)
		field string
		want  string // the exact message; "" means the field is valid
	}{
		{"name missing", func(in *Input) { in.Name = " \u00a0 " }, FieldName, "لطفاً نام خود را بنویسید."},
		{"name too long", func(in *Input) { in.Name = strings.Repeat("م", 101) }, FieldName, "نام حداکثر ۱۰۰ حرف می‌تواند باشد."},
		{"name at the limit", func(in *Input) { in.Name = strings.Repeat("م", 100) }, FieldName, ""},
		{"name with NUL", func(in *Input) { in.Name = "علی\x00" }, FieldName, "متن نویسه‌های نامعتبر دارد؛ لطفاً آن را دوباره بنویسید."},
		{"name invalid UTF-8", func(in *Input) { in.Name = "a\xffb" }, FieldName, "متن نویسه‌های نامعتبر دارد؛ لطفاً آن را دوباره بنویسید."},
		{"email missing", func(in *Input) { in.Email = "" }, FieldEmail, "لطفاً نشانی ایمیل خود را بنویسید تا بتوانیم پاسخ دهیم."},
		{"email without at", func(in *Input) { in.Email = "maryam.example.com" }, FieldEmail, "نشانی ایمیل درست نیست؛ نمونه‌ی درست: name@example.com"},
		{"email display name", func(in *Input) { in.Email = "Maryam <m@example.com>" }, FieldEmail, "نشانی ایمیل درست نیست؛ نمونه‌ی درست: name@example.com"},
		{"email no dot in domain", func(in *Input) { in.Email = "m@localhost" }, FieldEmail, "نشانی ایمیل درست نیست؛ نمونه‌ی درست: name@example.com"},
		{"email trailing dot", func(in *Input) { in.Email = "m@example.com." }, FieldEmail, "نشانی ایمیل درست نیست؛ نمونه‌ی درست: name@example.com"},
		{"email double dot", func(in *Input) { in.Email = "m@example..com" }, FieldEmail, "نشانی ایمیل درست نیست؛ نمونه‌ی درست: name@example.com"},
		{"email numeric TLD", func(in *Input) { in.Email = "m@10.0.0.1" }, FieldEmail, "نشانی ایمیل درست نیست؛ نمونه‌ی درست: name@example.com"},
		{"email two addresses", func(in *Input) { in.Email = "a@example.com, b@example.com" }, FieldEmail, "نشانی ایمیل درست نیست؛ نمونه‌ی درست: name@example.com"},
		{"email Persian keyboard", func(in *Input) { in.Email = "مریم@example.com" }, FieldEmail, "نشانی ایمیل را با حروف انگلیسی بنویسید (زبان صفحه‌کلید را انگلیسی کنید)."},
		{"email Persian digits", func(in *Input) { in.Email = "ali۱۳۷۰@gmail.com" }, FieldEmail, ""},
		{"email too long", func(in *Input) { in.Email = strings.Repeat("a", 250) + "@example.com" }, FieldEmail, "نشانی ایمیل بیش از اندازه طولانی است."},
		{"mobile optional", func(in *Input) { in.Mobile = "  " }, FieldMobile, ""},
		{"mobile landline", func(in *Input) { in.Mobile = "021-88776655" }, FieldMobile, "شماره‌ی موبایل درست نیست؛ نمونه‌ی درست: ۰۹۱۲۳۴۵۶۷۸۹"},
		{"mobile letters", func(in *Input) { in.Mobile = "0912abc4567" }, FieldMobile, "شماره‌ی موبایل درست نیست؛ نمونه‌ی درست: ۰۹۱۲۳۴۵۶۷۸۹"},
		{"category missing", func(in *Input) { in.Category = "" }, FieldCategory, "لطفاً دسته‌بندی درخواست را انتخاب کنید."},
		{"category unknown", func(in *Input) { in.Category = "hacking" }, FieldCategory, "دسته‌بندی انتخاب‌شده معتبر نیست؛ لطفاً یکی از گزینه‌ها را انتخاب کنید."},
		{"category Persian slug", func(in *Input) { in.Category = "حساب-کاربری" }, FieldCategory, ""},
		{"subject missing", func(in *Input) { in.Subject = "\n\t" }, FieldSubject, "لطفاً عنوان درخواست را بنویسید."},
		{"subject too short", func(in *Input) { in.Subject = "سل" }, FieldSubject, "عنوان دست‌کم باید ۳ حرف باشد."},
		{"subject too long", func(in *Input) { in.Subject = strings.Repeat("ب", 151) }, FieldSubject, "عنوان حداکثر ۱۵۰ حرف می‌تواند باشد."},
		{"subject with escape", func(in *Input) { in.Subject = "پرداخت \x1b[31m" }, FieldSubject, "متن نویسه‌های نامعتبر دارد؛ لطفاً آن را دوباره بنویسید."},
		{"description missing", func(in *Input) { in.Description = "" }, FieldDescription, "لطفاً مشکل خود را شرح دهید."},
		{"description too short", func(in *Input) { in.Description = "سلام" }, FieldDescription, "لطفاً مشکل را کمی بیشتر توضیح دهید (دست‌کم ۱۰ حرف)."},
		{"description too long", func(in *Input) { in.Description = strings.Repeat("ت", 5001) }, FieldDescription, "توضیحات حداکثر ۵٬۰۰۰ حرف می‌تواند باشد."},
		{"description at the limit", func(in *Input) { in.Description = strings.Repeat("ت", 5000) }, FieldDescription, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := validInput()
			tc.edit(&in)
			_, errs := Validate(in, testCategories)
			if got := errs[tc.field]; got != tc.want {
				t.Errorf("%s message = %q, want %q", tc.field, got, tc.want)
			}
			if n := len(errs); (tc.want == "" && n != 0) || (tc.want != "" && n != 1) {
				t.Errorf("errors = %v, want only the %s field's", errs, tc.field)
			}
		})
	}
}

func TestValidateWithoutCategories(t *testing.T) {
	in := validInput()
	in.Category = ""
	if _, errs := Validate(in, nil); errs != nil {
		t.Errorf("a help center without categories: %v", errs)
	}
	in.Category = "billing"
	if _, errs := Validate(in, nil); errs[FieldCategory] == "" {
		t.Errorf("a category was accepted though the help center has none")
	}
}

func TestValidateKeepsPersianText(t *testing.T) {
	in := validInput()
	in.Subject = "نمی‌توانم وارد حساب شوم"                       // ZWNJ stays
	in.Description = "سفارش ۱۲۳ ثبت نشد\u200f؛ كيف پول خالی است" // RLM, Persian digits, Arabic kaf/yeh
	got, errs := Validate(in, testCategories)
	if errs != nil {
		t.Fatal(errs)
	}
	if got.Subject != in.Subject || got.Description != in.Description {
		t.Errorf("text rewritten: %q / %q", got.Subject, got.Description)
	}
	in.Subject = "\u202eگزارش\u202c خرابی"
	if got, _ := Validate(in, testCategories); got.Subject != "گزارش خرابی" {
		t.Errorf("bidi override kept in subject: %q", got.Subject)
	}
}

func TestFaNumber(t *testing.T) {
	for n, want := range map[int]string{0: "۰", 5: "۵", 100: "۱۰۰", 5000: "۵٬۰۰۰", 1234567: "۱٬۲۳۴٬۵۶۷", -42: "-۴۲"} {
		if got := faNumber(n); got != want {
			t.Errorf("faNumber(%d) = %q, want %q", n, got, want)
		}
	}
}
