// The main package exists because WeChat needs one; the poll itself is the independent subpackage packagePoll/,
// started through its own entry.ts.
App({});
