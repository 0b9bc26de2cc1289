"""L'assistant Streamlit (adaptateur au bord) : étapes, brouillon, sauvegarde, page de vérification.

Organisation :

- ``brouillon`` : le brouillon, un dictionnaire de la forme d'un ``Accord`` (plus un petit état « ui » : étape,
  chiffres de simulation), l'entreprise par défaut, l'ordre des étapes, l'import et l'export JSON ;
- ``etat`` : le brouillon dans ``st.session_state``, les liaisons widget → chemin du brouillon, la
  synchronisation au début de chaque exécution, le changement d'étape (les widgets sont alors réensemencés) ;
- ``stockage`` : la base des brouillons (SQLAlchemy : SQLite, ou PostgreSQL par ``INTERESSEMENT_BASE``) ; jetons
  signés par le serveur, brouillon lié au navigateur, versions contrôlées, purge ; jamais de données de salariés ;
- ``confidentialite`` : la notice (ce qui est gardé, combien de temps) ;
- ``echappement`` : ``md()``, le texte de la personne rendu inerte dans le Markdown de Streamlit ;
- ``champs`` : un widget par chemin du brouillon, avec ses messages juste en dessous ;
- ``constats`` : du constat du validateur (ou d'un contrôle d'étape) au champ et à l'étape où il s'affiche ;
- ``services`` : appels au cœur, à la simulation, au validateur, mémorisés dans la session ;
- ``etapes/`` : une étape par module (``afficher``, ``controler``, ``resume``) ;
- ``assistant`` et ``verification`` : les deux pages ; ``pages/`` les fichiers que ``st.navigation`` exécute.
"""
