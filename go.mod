module persiankb

go 1.26.8
