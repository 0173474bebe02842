module github.com/triggerkit/triggerkit

go 1.26.0

require github.com/xeipuuv/gojsonpointer v0.0.0-20190905194746-02993c407bfb
