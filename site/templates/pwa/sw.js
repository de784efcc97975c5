/* Commonmade service worker {{ version }}.
 * Caches the shell and static files only. Pages (members' pages, the cart, checkout) always come
 * from the network and are never stored; without a network a page request gets the offline page. */
"use strict";
var CACHE = "commonmade-shell-{{ version }}";
var SHELL = {{ shell|safe }};
var OFFLINE_URL = "{{ offline_url }}";
var STATIC_PREFIX = "{{ STATIC_URL|default:'/static/' }}";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) { return cache.addAll(SHELL); }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("commonmade-shell-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Network only: a page is never cached (it may be personal); offline, the offline page answers.
    event.respondWith(fetch(request).catch(function () { return caches.match(OFFLINE_URL); }));
    return;
  }
  if (url.pathname.indexOf(STATIC_PREFIX) === 0) {
    event.respondWith(
      caches.match(request).then(function (hit) {
        return hit || fetch(request).then(function (response) {
          if (response.ok) {
            var copy = response.clone();
            caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
          }
          return response;
        });
      })
    );
  }
  // Everything else (the API, media, the cart) goes to the network untouched.
});

// Web Push (notifications/webpush.py): show the notification; a click opens its page on this site.
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || "Commonmade", {
    body: data.body || "",
    tag: data.tag || undefined,
    icon: "/static/img/pwa/icon-192.png",
    data: { url: data.url || "/" },
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  if (target.origin !== self.location.origin) { target = new URL("/", self.location.origin); }
  event.waitUntil(self.clients.openWindow(target.href));
});
