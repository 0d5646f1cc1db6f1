// Sideways-scrolling boxes say so. A table wider than its card scrolls inside its .table-scroll
// box, and on a phone nothing showed that columns lay past the edge (probe r69d F4: a comparison's
// "At a glance" showed 2 of 5 runs, "+0.09" cut, and looked complete). Each such box carries class
// "more-right" while content is hidden to its right and "more-left" while content is hidden to its
// left (past a sticky first column, whose width it sets as --scroll-fixed); styles.css fades the
// content at that edge. A box whose content fits carries neither. Marks are re-measured when the box
// scrolls and when it or its table changes size (window, font, a sorted column). Plain DOM, no
// echarts: it runs before client.js and works when the charts cannot. Print shows whole tables and
// no fade (styles.css).
(function () {
  'use strict';
  /** Pixels of slack: sub-pixel layout must not mark a box that fits. */
  var SLACK = 1;

  /** Width in px of a sticky first column the content scrolls under, else 0. */
  function fixedWidth(box) {
    var cell = box.querySelector('tr > :first-child');
    return cell !== null && getComputedStyle(cell).position === 'sticky' ? cell.getBoundingClientRect().width : 0;
  }

  function mark(box) {
    var hidden = box.scrollWidth - box.clientWidth;
    var left = hidden > SLACK && box.scrollLeft > SLACK;
    var right = hidden > SLACK && box.scrollLeft < hidden - SLACK;
    box.classList.toggle('more-left', left);
    box.classList.toggle('more-right', right);
    if (left) box.style.setProperty('--scroll-fixed', Math.round(fixedWidth(box)) + 'px');
  }

  function watch() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll('.table-scroll'));
    var observer = typeof ResizeObserver === 'function' ? new ResizeObserver(function (entries) {
      entries.forEach(function (e) { mark(e.target.classList.contains('table-scroll') ? e.target : e.target.parentElement); });
    }) : null;
    boxes.forEach(function (box) {
      mark(box);
      box.addEventListener('scroll', function () { mark(box); }, { passive: true });
      if (observer !== null) {
        observer.observe(box);
        if (box.firstElementChild !== null) observer.observe(box.firstElementChild);
      }
    });
    if (observer === null) window.addEventListener('resize', function () { boxes.forEach(mark); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch);
  else watch();
})();
