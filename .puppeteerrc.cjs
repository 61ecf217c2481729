// whatsapp-web.js drives the system Chromium (/usr/bin/chromium); never download a browser at install time.
module.exports = { skipDownload: true };
