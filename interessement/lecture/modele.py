"""Ce que la lecture d'un document rend : ``DocumentLu``, ses parties, ses paragraphes et ses anomalies.

Données pures (dataclasses), sans dépendance à un format : les lecteurs (texte, Word, OpenDocument, PDF, images)
produisent des ``Bloc`` (un paragraphe ou un tableau, avec sa page et ce que la mise en forme dit d'un titre),
``structure.decouper`` en fait des ``Partie``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

TypePartie = Literal["titre", "preambule", "article", "annexe", "tableau", "signature", "autre"]
Source = Literal["corps", "tableau", "entete", "pied", "note", "zone_texte", "commentaire", "sommaire"]

# Codes d'anomalie (le contrôle des faits et la règle INTEGRITE_DOCUMENT s'en servent).
TEXTE_MASQUE = "TEXTE_MASQUE"  # propriété « masqué » de Word (w:vanish, w:specVanish), texte masqué OpenDocument
TEXTE_INVISIBLE = "TEXTE_INVISIBLE"  # couleur du texte proche de celle du fond
TEXTE_MINUSCULE = "TEXTE_MINUSCULE"  # police si petite ou si comprimée que le texte ne se lit pas
COMMENTAIRE = "COMMENTAIRE"
REVISION_INSERTION = "REVISION_INSERTION"  # modification suivie : insertion non acceptée (comptée comme texte)
REVISION_SUPPRESSION = "REVISION_SUPPRESSION"  # modification suivie : suppression non acceptée (non comptée)
REVISION_MISE_EN_FORME = "REVISION_MISE_EN_FORME"
CHAMP_TEXTE = "CHAMP_TEXTE"  # un champ dont le résultat affiché est du texte (hors numéros de page, sommaire…)
MACRO = "MACRO"  # projet VBA (vbaProject.bin) ou macros OpenDocument
MODELE_EXTERNE = "MODELE_EXTERNE"  # modèle attaché (attachedTemplate) hors du document
RELATION_EXTERNE = "RELATION_EXTERNE"  # relation TargetMode="External" (hors liens hypertexte ordinaires)
OBJET_OLE = "OBJET_OLE"  # objet incorporé (OLE) ou lié
ACTIVEX = "ACTIVEX"
CONTENU_IMPORTE = "CONTENU_IMPORTE"  # altChunk, sous-document : Word affiche un contenu venu d'un autre fichier
TEXTE_ILLISIBLE = "TEXTE_ILLISIBLE"  # page ou image dont l'OCR est peu sûr
PAGE_SANS_TEXTE = "PAGE_SANS_TEXTE"  # page d'un PDF ou d'une image où rien n'a pu être lu
QR_ILLISIBLE = "QR_ILLISIBLE"  # un code QR de notre format a été vu mais son contenu est incomplet ou invalide

#: Les anomalies qui font qu'un document ne peut pas être tenu pour celui que le générateur a produit.
ANOMALIES_DOCUMENT_ETRANGER = frozenset({MACRO, MODELE_EXTERNE, RELATION_EXTERNE, OBJET_OLE, ACTIVEX,
                                         CONTENU_IMPORTE})
#: Les anomalies de texte caché ou invisible (le lecteur voit autre chose que ce que le fichier contient).
ANOMALIES_TEXTE_CACHE = frozenset({TEXTE_MASQUE, TEXTE_INVISIBLE, TEXTE_MINUSCULE})


@dataclass
class Paragraphe:
    texte: str
    page: int | None = None
    masque: bool = False  # texte présent dans le fichier mais que le lecteur ne voit pas (masqué, invisible)
    source: Source = "corps"


@dataclass
class Anomalie:
    code: str
    message: str  # en français
    page: int | None = None
    extrait: str | None = None  # le texte en cause (texte masqué, commentaire, suppression…)


@dataclass
class Partie:
    type: TypePartie
    numero: str | None = None  # normalisé : « 1 » pour « Article 1er », « 4.2 », « 3 bis », « 2 » pour « II »
    titre: str | None = None  # l'intitulé sans le numéro (« Objet de l'accord »)
    page: int | None = None
    paragraphes: list[Paragraphe] = field(default_factory=list)
    intitule: str | None = None  # la ligne de titre telle qu'écrite (« ARTICLE 2 – Durée »)
    niveau: int = 1  # 1 article, 2 sous-article (4.2)…
    annexe: str | None = None  # l'annexe où se trouve la partie (« Annexe 1 Intéressement »), sinon None
    section: str | None = None  # le titre, chapitre ou section qui la contient (« Titre II Calcul »)
    article: str | None = None  # pour un tableau : le numéro de l'article qui le contient
    lignes: list[list[str]] = field(default_factory=list)  # pour un tableau : les cellules, ligne par ligne

    @property
    def texte(self) -> str:
        """Le texte visible de la partie (paragraphes non masqués)."""
        return "\n".join(p.texte for p in self.paragraphes if not p.masque)

    @property
    def libelle(self) -> str:
        """Comment citer la partie : « article 4.2 (annexe 1) », « préambule »…"""
        noms = {"titre": "titre", "preambule": "préambule", "article": "article", "annexe": "annexe",
                "tableau": "tableau", "signature": "signatures", "autre": "partie"}
        base = noms[self.type] + (f" {self.numero}" if self.numero and self.type in ("article", "annexe") else "")
        if self.type == "tableau" and self.article:
            base += f" de l'article {self.article}"
        if self.annexe and self.type != "annexe":
            base += f" ({self.annexe})"
        return base


@dataclass
class Bloc:
    """Un paragraphe (ou un tableau) tel qu'un lecteur de format le rend, avant le découpage en parties."""

    texte: str
    page: int | None = None
    masque: bool = False
    source: Source = "corps"
    niveau_titre: int | None = None  # titre explicite (style Word « Titre N », « ## » du corpus) : son niveau
    gras: bool = False  # tout le paragraphe en gras (indice de titre dans un document sans styles)
    lignes: list[list[str]] | None = None  # un tableau : ses cellules
    sommaire: bool = False  # ligne d'une table des matières : du texte, jamais un titre


@dataclass
class DocumentLu:
    nom: str
    format: str  # docx | odt | pdf | image | txt
    pages: int | None = None  # nombre de pages quand on le connaît
    ocr: bool = False  # au moins une page lue par reconnaissance de caractères
    parties: list[Partie] = field(default_factory=list)
    anomalies: list[Anomalie] = field(default_factory=list)
    qr: dict[str, Any] | None = None  # contenu décodé des codes QR de notre générateur
    donnees_embarquees: dict[str, Any] | None = None  # le JSON de notre partie XML personnalisée
    texte_canonique: str | None = None  # .docx : le texte qu'empreinte l'intégrité (integrite.texte_canonique)
    pages_ocr: list[int] = field(default_factory=list)  # les pages lues par OCR
    confiance_ocr: float | None = None  # confiance moyenne de Tesseract (0-100) sur les pages lues par OCR
    metadonnees: dict[str, str] = field(default_factory=dict)  # en-tête du corpus (idcc, source, url)…
    commentaires: list[str] = field(default_factory=list)
    codes_qr: list[str] = field(default_factory=list)  # textes bruts de tous les codes QR lus

    @property
    def texte(self) -> str:
        """Tout le texte visible, partie après partie : intitulés, paragraphes, tableaux ligne par ligne."""
        morceaux = []
        for p in self.parties:
            if p.intitule:
                morceaux.append(p.intitule)
            if p.texte:
                morceaux.append(p.texte)
        return "\n".join(morceaux)

    @property
    def articles(self) -> list[Partie]:
        return [p for p in self.parties if p.type == "article"]

    def anomalies_de(self, *codes: str) -> list[Anomalie]:
        return [a for a in self.anomalies if a.code in codes]

    @property
    def etranger(self) -> bool:
        """Le fichier porte un élément (macro, modèle ou relation externes, objet OLE, ActiveX) que notre
        générateur ne produit jamais : il ne peut pas être tenu pour un de nos documents."""
        return any(a.code in ANOMALIES_DOCUMENT_ETRANGER for a in self.anomalies)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["texte"] = self.texte
        return d

    def __getstate__(self) -> dict[str, Any]:
        # Le lecteur gardé par ``faits.lecteur_de`` (phrases découpées) se recalcule : il ne voyage pas.
        return {k: v for k, v in self.__dict__.items() if k != "_lecteur"}
