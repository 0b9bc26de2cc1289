"""La note de versement d'une période (Word) : le calcul de l'enveloppe, la répartition, l'information et le choix
des salariés, les dates, les obligations envers les salariés partis et le contrôle des règles du versement. Pour
l'employeur, le CSE et le dossier de contrôle ; les phrases juridiques viennent de ``phrases_versement.yaml``.
"""

from __future__ import annotations

import io
from typing import Any

from .. import format as fmt
from .. import parametres
from ..calendrier import Echeance, date_limite_versement
from ..modele import Accord, Versement
from ..paiement import LignePaie, date_de_versement, etapes_en_mots, plan_par_defaut, sortants

__all__ = ["note_versement"]


def note_versement(accord: Accord, versement: Versement, calcul: Any, lignes: list[LignePaie],
                   echeances: list[Echeance], *, constats: list[str] | None = None) -> bytes:
    """La note de versement de la période (Word) : le calcul de l'enveloppe, la répartition, les dates, les
    obligations envers les salariés partis ; pour l'employeur, le CSE et le dossier de contrôle."""
    from docx import Document

    from ..clauses import phrase

    p = calcul.periode
    d = date_de_versement(versement, p)
    doc = Document()
    doc.core_properties.title = f"Versement de l'intéressement — {accord.entreprise.raison_sociale}"
    doc.add_heading(f"Versement de l'intéressement de la période du {fmt.date_longue(p.debut)} au "
                    f"{fmt.date_longue(p.fin)}", level=1)
    doc.add_paragraph(f"{accord.entreprise.raison_sociale}" + (f", SIREN {accord.entreprise.siren}"
                                                                if accord.entreprise.siren else ""))
    doc.add_heading("Calcul de l'enveloppe", level=2)
    if calcul.formule is not None:
        for e in etapes_en_mots(accord, calcul.formule.etapes):
            doc.add_paragraph(e, style="List Bullet")
    for n in calcul.notes:
        doc.add_paragraph(n, style="List Bullet")
    total = int(calcul.repartition.montants_centimes.sum())
    reliquat = calcul.repartition.reliquat_centimes
    tableau = doc.add_table(rows=0, cols=2)
    tableau.style = "Table Grid"
    for libelle, valeur in (
        ("Enveloppe de la formule", fmt.montant(calcul.enveloppe_formule_centimes)),
        ("Supplément d'intéressement", fmt.montant(calcul.supplement_centimes)),
        ("Plafond global (20 % de la masse salariale)", fmt.montant(calcul.plafond_global_centimes)),
        ("Enveloppe à répartir", fmt.montant(calcul.enveloppe_centimes)),
        ("Total réparti", fmt.montant(total)),
        ("Non distribué", fmt.montant(reliquat)),
        ("Bénéficiaires", str(len(lignes))),
        ("Avances déjà versées", fmt.montant(sum(lg.avances_centimes for lg in lignes))),
        ("Net à verser (après CSG et CRDS)", fmt.montant(sum(lg.net_a_verser_centimes for lg in lignes))),
    ):
        cellules = tableau.add_row().cells
        cellules[0].text, cellules[1].text = libelle, valeur
    doc.add_paragraph(f"Contrôle : total réparti {fmt.montant(total)} + non distribué {fmt.montant(reliquat)} = "
                      f"{fmt.montant(total + reliquat)}"
                      + (" = enveloppe, au centime près." if total + reliquat == calcul.enveloppe_centimes
                         else " ≠ enveloppe."))
    doc.add_heading("Information et choix des salariés", level=2)
    doc.add_paragraph(phrase("versement_information"))
    plan = plan_par_defaut(accord)
    if plan:
        doc.add_paragraph(phrase("versement_choix", delai=parametres.value_at("choix_salarie_delai_jours", p.fin),
                                 defaut=f"au plan ({plan})"))
    else:
        doc.add_paragraph(phrase("versement_choix_sans_plan"))
    doc.add_paragraph(phrase("versement_csg", csg=fmt.pourcentage(parametres.value_at("csg_taux", d)),
                             crds=fmt.pourcentage(parametres.value_at("crds_taux", d))))
    doc.add_paragraph(phrase("versement_limite", date=fmt.date_longue(date_limite_versement(p)),
                             coefficient=fmt.nombre(parametres.value_at("interets_retard_coefficient_tmop", p.fin))))
    doc.add_heading("Dates", level=2)
    for e in echeances:
        doc.add_paragraph(f"{fmt.date_longue(e.date)} : {e.libelle} ({e.reference})"
                          + (f". {e.detail}" if e.detail else ""), style="List Bullet")
    partis = sortants(accord, versement, calcul)
    if partis:
        doc.add_heading("Salariés partis", level=2)
        for s in partis:
            doc.add_paragraph(f"{s['nom'] or s['identifiant']} (sorti le {fmt.date_longue(s['date_sortie'])}) : "
                              f"{fmt.montant(s['montant_centimes'])}", style="List Bullet")
        for texte in partis[0]["obligations"]:
            doc.add_paragraph(texte)
    if constats:
        doc.add_heading("Contrôle des règles du versement", level=2)
        for c in constats:
            doc.add_paragraph(c, style="List Bullet")
    tampon = io.BytesIO()
    doc.save(tampon)
    return tampon.getvalue()
