// WeChat needs a main package with a page; this one only says where the poll is (a chat tool opens from a chat).
Page({});
