// Traduit en français les mots de Streamlit lui-même (interface du navigateur écrite en anglais).
// Le dictionnaire (interface/ressources/streamlit_fr.yaml) est posé par interface/traduction.py dans
// window.__dictionnaireFr avant ce script. Exécuté une seule fois par page : un MutationObserver traduit
// ensuite tout ce que Streamlit ajoute ou modifie (textes et attributs lus par les lecteurs d'écran).
(function () {
  "use strict";
  const dico = window.__dictionnaireFr;
  if (!dico || window.__traductionFrActive) return;
  window.__traductionFrActive = true;

  const textes = new Map(Object.entries(dico.textes || {}));
  const motifs = (dico.motifs || []).map((m) => [new RegExp(m.anglais), m.francais]);
  const icones = dico.icones || {};
  const prefixes = Object.entries(dico.prefixes || {});
  const ATTRIBUTS = ["aria-label", "title", "placeholder", "aria-description", "aria-roledescription",
                     "aria-valuetext", "alt"];
  const IGNORES = new Set(["SCRIPT", "STYLE", "TEXTAREA", "CODE", "PRE", "NOSCRIPT"]);

  function phrase(t) {
    let francais = textes.get(t);
    if (francais !== undefined) return francais;
    for (const [re, remplacement] of motifs) {
      if (re.test(t)) return t.replace(re, remplacement);
    }
    for (const [anglais, fr] of prefixes) {
      if (t.startsWith(anglais) && t.length > anglais.length) {
        const reste = t.slice(anglais.length);
        const suite = phrase(reste);
        return fr + (suite === undefined ? reste : suite);
      }
    }
    return undefined;
  }

  function traduire(valeur) {
    if (!valeur) return null;
    const t = valeur.trim();
    if (!t || t.length > 400) return null;
    const francais = phrase(t);
    if (francais === undefined || francais === t) return null;
    return valeur.replace(t, () => francais);
  }

  function estIcone(el) {
    return el.getAttribute("data-testid") === "stIconMaterial" ||
           (el.style && el.style.fontFamily && el.style.fontFamily.indexOf("Material Symbols") >= 0);
  }

  function icone(el) {
    // Une icône Material : son texte est un nom anglais (« check_circle ») rendu en image par la police.
    const nom = (el.textContent || "").trim();
    const francais = icones[nom];
    if (francais) {
      if (el.getAttribute("aria-label") !== francais) {
        el.setAttribute("role", "img");
        el.setAttribute("aria-label", francais);
        el.removeAttribute("aria-hidden");
      }
    } else if (el.getAttribute("aria-hidden") !== "true") {
      el.setAttribute("aria-hidden", "true");
      el.removeAttribute("aria-label");
    }
    el.setAttribute("translate", "no");
  }

  function attributs(el) {
    for (const a of ATTRIBUTS) {
      const v = el.getAttribute(a);
      if (v === null) continue;
      const f = traduire(v);
      if (f !== null) { el.setAttribute(a, f); continue; }
      if (a === "aria-label" && / icon$/.test(v)) {
        const nom = v.slice(0, -5);
        if (icones[nom]) el.setAttribute(a, icones[nom]);
        else { el.removeAttribute(a); el.setAttribute("aria-hidden", "true"); }
      }
    }
  }

  function texte(noeud) {
    const parent = noeud.parentElement;
    if (!parent || IGNORES.has(parent.tagName) || parent.isContentEditable) return;
    if (estIcone(parent)) { icone(parent); return; }
    const f = traduire(noeud.nodeValue);
    if (f !== null) noeud.nodeValue = f;
  }

  function parcourir(racine) {
    if (racine.nodeType === Node.TEXT_NODE) { texte(racine); return; }
    if (racine.nodeType !== Node.ELEMENT_NODE) return;
    if (IGNORES.has(racine.tagName)) return;
    attributs(racine);
    if (estIcone(racine)) icone(racine);
    for (const el of racine.querySelectorAll("*")) {
      attributs(el);
      if (estIcone(el)) icone(el);
    }
    const marcheur = document.createTreeWalker(racine, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = marcheur.nextNode())) texte(n);
  }

  function langue() {
    if (document.documentElement.lang !== "fr") document.documentElement.lang = "fr";
  }

  langue();
  parcourir(document.body);
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === "childList") {
        m.addedNodes.forEach(parcourir);
        if (m.target.nodeType === Node.ELEMENT_NODE && estIcone(m.target)) icone(m.target);
      } else if (m.type === "characterData") {
        texte(m.target);
      } else if (m.type === "attributes") {
        attributs(m.target);
      }
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                             attributeFilter: ATTRIBUTS});
  new MutationObserver(langue).observe(document.documentElement, {attributes: true, attributeFilter: ["lang"]});
})();
