// Accessibilité (RGAA 12.x, 7.x) : après chaque changement d'étape, le focus va au titre de l'étape (h2 de la page),
// pour que le lecteur d'écran annonce la nouvelle étape et que la navigation au clavier reparte de là.
(function () {
  "use strict";
  if (window.__accessibiliteFrActive) return;
  window.__accessibiliteFrActive = true;
  let dernier = null;

  function titre() {
    return document.querySelector("[data-testid='stMain'] [data-testid='stHeading'] h2") ||
           document.querySelector("[data-testid='stMain'] h2");
  }

  function suivre() {
    const h = titre();
    if (!h) return;
    const texte = (h.textContent || "").trim();
    if (!texte || texte === dernier) return;
    const premier = dernier === null;
    dernier = texte;
    h.setAttribute("tabindex", "-1");
    if (!premier) {
      h.focus({preventScroll: true});
      h.scrollIntoView({block: "start"});
    }
  }

  new MutationObserver(suivre).observe(document.body, {subtree: true, childList: true, characterData: true});
  suivre();
})();
