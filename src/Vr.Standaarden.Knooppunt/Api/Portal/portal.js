// The portal of a knooppunt: the situation picture from the node's own API, drawn without any external service.
// All text from messages is set with textContent, never parsed as HTML.
'use strict';

const texts = {
  nl: {
    skip: 'Naar de lijst met incidenten', title: 'Situatiebeeld', moment: 'Tijdstip', now: 'Nu (live)', map: 'Kaart',
    incidents: 'Incidenten', incident: 'Incident', classification: 'Classificatie', region: 'Regio', location: 'Locatie',
    sources: 'Bronnen', state: 'Status', others: 'Waarschuwingen, capaciteit en meldingen', kind: 'Soort', what: 'Wat',
    source: 'Bron', time: 'Tijdstip', switchTo: 'English',
    unsigned: 'Let op: dit knooppunt controleert geen handtekeningen. Ongetekende berichten worden geaccepteerd; de herkomst is niet bewezen.',
    open: 'Open — alleen lokaal: dit knooppunt kent geen toegangscontrole en antwoordt alleen op deze computer.',
    contradiction: 'Tegenstrijdig', agreed: 'Eenduidig', resolved: 'besloten', details: 'Details',
    live: 'Live', history: 'Terugkijken', summary: (i, b, t) => `${i} incidenten uit ${b} bronnen, ${t} met tegenstrijdigheden`,
    fields: 'Velden', field: 'Veld', value: 'Waarde', provenance: 'Herkomst', message: 'bericht', openContradictions: 'Open tegenstrijdigheden',
    resolvedContradictions: 'Besloten tegenstrijdigheden', decidedBy: 'Besluit', noOutlines: 'Regiogrenzen niet beschikbaar op dit knooppunt.',
    outlines: n => `${n} veiligheidsregio's getekend.`, mapCount: (i, w) => `${i} incidenten en ${w} gebieden op de kaart.`,
    grantsActive: 'Doorbraak actief', grantTitle: 'Doorbraak verlenen (voorzitter)', grantRecipients: "Afnemers (OIN's, gescheiden door spaties)",
    grantSources: "Bronnen (OIN's; leeg: alle bronnen)", grantEntities: 'Entiteiten (zoals melding; leeg: alle)', grantPurpose: 'Doel',
    grantPersonal: 'Persoonsgegevens', grantHours: 'Uren (ten hoogste 72)', grantReason: 'Reden', grantSubmit: 'Verlenen',
    grantLine: g => `${g.afnemers.join(', ')} voor ${g.doel}${g.persoonsgegevens.length ? ` met persoonsgegevens (${g.persoonsgegevens.join(', ')})` : ''}, tot ${formatTime(g.tot)}: ${g.reden}`,
    granted: g => `Doorbraak ${g.id} verleend tot ${formatTime(g.tot)}.`, refused: 'Geweigerd',
    doubted: n => `${n} terugmelding${n === 1 ? '' : 'en'} open`, doubt: 'Terugmelding open',
    doubtLine: d => `${d.id} (${d.status === 'IN_ONDERZOEK' ? 'in onderzoek' : 'ingediend'}) door ${d.melder ?? 'onbekend'} bij bronhouder ${d.bronhouder ?? 'onbekend'}: ${d.reden ?? ''}`,
    filters: 'Filters', perspective: 'Perspectief', everyone: 'Iedereen', all: 'Alle', discipline: 'Discipline', search: 'Zoeken',
    onlyContradicted: 'Alleen met tegenstrijdigheden', clear: 'Filters wissen', report: 'Afdrukken / PDF',
    quality: 'Kwaliteit', qStale: 'Een bron niet actueel', qIncomplete: 'Onvolledig (< 80%)', qUnverified: 'Niet alles geverifieerd',
    qAlgorithm: 'Berekend of voorspeld', qDoubted: 'Met open terugmeldingen', doubtsShort: 'Terugmeldingen',
    zoomIn: 'Inzoomen', zoomOut: 'Uitzoomen', fit: 'Passend', perRegion: 'Open incidenten per regio', openIncidents: 'Open incidenten',
    attribution: 'Regiogrenzen: CBS, Kadaster (PDOK), CC BY 4.0', latest: 'Laatste bericht', noMessages: 'nog geen berichten',
    disconnected: 'Verbinding verbroken — opnieuw verbinden…', filtered: (n, all) => `${n} van ${all} incidenten getoond`,
    group: (n, ids) => `${n} incidenten hier: ${ids}. Kies om in te zoomen.`, regionCount: (name, n) => `${name}: ${n} open incident${n === 1 ? '' : 'en'}`,
    legend: ['geen', '1', '2 tot 4', '5 tot 9', '10 of meer'], mapHelp: 'Verschuiven met slepen of de pijltjestoetsen, zoomen met het scrollwiel, + en −.',
    computed: 'Berekend', predicted: 'AI', unreviewed: 'niet beoordeeld', reviewed: r => `beoordeeld: ${r}`, algorithmic: 'Algoritme',
    origin: o => `${o.soort === 'ai' ? 'AI' : 'Berekend'}${o.model ? ` door ${o.model}${o.versie ? ' ' + o.versie : ''}` : ''} — ${o.beoordeeld ? `beoordeeld: ${o.beoordeeld}` : 'niet beoordeeld'}`,
    sourcesTitle: 'Bronnen', latestShort: 'Laatste', current: 'Actueel', messages: 'Berichten', contradicted: 'Tegenstrijdig', completeness: 'Volledigheid',
    yes: 'ja', outdated: 'verouderd', stale: list => `Verouderd: ${list} — langer stil dan het interval dat zij opgaven. Is hun systeem uitgevallen?`,
    close: 'Sluiten', none: 'geen', kinds: { waarschuwing: 'Waarschuwing', capaciteit: 'Capaciteit', melding: 'Melding', besluit: 'Besluit', situatiebeeld: 'Situatiebeeld', object: 'Object' },
  },
  en: {
    skip: 'Skip to the list of incidents', title: 'Situation picture', moment: 'Moment', now: 'Now (live)', map: 'Map',
    incidents: 'Incidents', incident: 'Incident', classification: 'Classification', region: 'Region', location: 'Location',
    sources: 'Sources', state: 'State', others: 'Warnings, capacity and reports', kind: 'Kind', what: 'What',
    source: 'Source', time: 'Time', switchTo: 'Nederlands',
    unsigned: 'Warning: this node does not verify signatures. Unsigned messages are accepted; their origin is not proven.',
    open: 'Open — local only: this node has no access control and answers on this computer only.',
    contradiction: 'Contradiction', agreed: 'Consistent', resolved: 'decided', details: 'Details',
    live: 'Live', history: 'Looking back', summary: (i, b, t) => `${i} incidents from ${b} sources, ${t} with contradictions`,
    fields: 'Fields', field: 'Field', value: 'Value', provenance: 'Provenance', message: 'message', openContradictions: 'Open contradictions',
    resolvedContradictions: 'Decided contradictions', decidedBy: 'Decision', noOutlines: 'Region outlines are not available on this node.',
    outlines: n => `${n} safety regions drawn.`, mapCount: (i, w) => `${i} incidents and ${w} areas on the map.`,
    grantsActive: 'Doorbraak (temporary grant) active', grantTitle: 'Grant a doorbraak (chair)', grantRecipients: 'Recipients (OINs, separated by spaces)',
    grantSources: 'Sources (OINs; empty: every source)', grantEntities: 'Entities (such as melding; empty: all)', grantPurpose: 'Purpose',
    grantPersonal: 'Personal data', grantHours: 'Hours (at most 72)', grantReason: 'Reason', grantSubmit: 'Grant',
    grantLine: g => `${g.afnemers.join(', ')} for ${g.doel}${g.persoonsgegevens.length ? ` with personal data (${g.persoonsgegevens.join(', ')})` : ''}, until ${formatTime(g.tot)}: ${g.reden}`,
    granted: g => `Doorbraak ${g.id} granted until ${formatTime(g.tot)}.`, refused: 'Refused',
    doubted: n => `${n} terugmelding${n === 1 ? '' : 'en'} (feedback report${n === 1 ? '' : 's'}) open`, doubt: 'Terugmelding (feedback report) open',
    doubtLine: d => `${d.id} (${d.status === 'IN_ONDERZOEK' ? 'under investigation' : 'submitted'}) by ${d.melder ?? 'unknown'} to holder ${d.bronhouder ?? 'unknown'}: ${d.reden ?? ''}`,
    filters: 'Filters', perspective: 'Perspective', everyone: 'Everyone', all: 'All', discipline: 'Discipline', search: 'Search',
    onlyContradicted: 'Only with contradictions', clear: 'Clear filters', report: 'Print / PDF',
    quality: 'Quality', qStale: 'A source out of date', qIncomplete: 'Incomplete (< 80%)', qUnverified: 'Not all verified',
    qAlgorithm: 'Calculated or predicted', qDoubted: 'With open feedback', doubtsShort: 'Feedback',
    zoomIn: 'Zoom in', zoomOut: 'Zoom out', fit: 'Fit', perRegion: 'Open incidents per region', openIncidents: 'Open incidents',
    attribution: 'Region outlines: CBS, Kadaster (PDOK), CC BY 4.0', latest: 'Latest message', noMessages: 'no messages yet',
    disconnected: 'Connection lost — reconnecting…', filtered: (n, all) => `${n} of ${all} incidents shown`,
    group: (n, ids) => `${n} incidents here: ${ids}. Choose to zoom in.`, regionCount: (name, n) => `${name}: ${n} open incident${n === 1 ? '' : 's'}`,
    legend: ['none', '1', '2 to 4', '5 to 9', '10 or more'], mapHelp: 'Pan by dragging or with the arrow keys, zoom with the wheel, + and −.',
    computed: 'Computed', predicted: 'AI', unreviewed: 'not reviewed', reviewed: r => `reviewed: ${r}`, algorithmic: 'Algorithm',
    origin: o => `${o.soort === 'ai' ? 'AI' : 'Computed'}${o.model ? ` by ${o.model}${o.versie ? ' ' + o.versie : ''}` : ''} — ${o.beoordeeld ? `reviewed: ${o.beoordeeld}` : 'not reviewed'}`,
    sourcesTitle: 'Sources', latestShort: 'Latest', current: 'Current', messages: 'Messages', contradicted: 'Contradicted', completeness: 'Completeness',
    yes: 'yes', outdated: 'out of date', stale: list => `Out of date: ${list} — silent longer than the interval they declared. Is their system down?`,
    close: 'Close', none: 'none', kinds: { waarschuwing: 'Warning', capaciteit: 'Capacity', melding: 'Report', besluit: 'Decision', situatiebeeld: 'Situation report', object: 'Object' },
  },
};

const filterNames = ['perspectief', 'regio', 'grip', 'classificatie', 'discipline', 'tegenstrijdig', 'tekst', 'kwaliteit'];
// The quality filters, as the server's PortalFilter reads them: each a test of an incident's kwaliteit from the API.
const incompleteBelow = 0.8;
const qualities = {
  verouderd: ['qStale', i => i.kwaliteit?.actueel === false],
  onvolledig: ['qIncomplete', i => typeof i.kwaliteit?.volledigheid === 'number' && i.kwaliteit.volledigheid < incompleteBelow],
  ongeverifieerd: ['qUnverified', i => typeof i.kwaliteit?.geverifieerd === 'number' && i.kwaliteit.geverifieerd < 1],
  algoritme: ['qAlgorithm', i => (i.algoritmischeVelden || []).length > 0],
  terugmelding: ['qDoubted', i => (i.terugmeldingen || 0) > 0],
};
const state = {
  session: null, lang: localStorage.getItem('vr-taal') === 'en' ? 'en' : 'nl', moment: null, picture: null, geo: null, outlines: null,
  selected: null, health: null, vocabulary: null, filters: {}, view: null, connected: true, spread: new Set(),
  sources: [], sortBy: 'bron', sortDown: false,
};
const t = key => texts[state.lang][key];
const $ = id => document.getElementById(id);
const svgNs = 'http://www.w3.org/2000/svg';

function el(name, attributes, ...children) {
  const node = document.createElement(name);
  for (const [k, v] of Object.entries(attributes || {})) { if (v !== undefined && v !== null) node.setAttribute(k, v); }
  for (const child of children) { node.append(child instanceof Node ? child : document.createTextNode(String(child ?? ''))); }
  return node;
}

function svg(name, attributes) {
  const node = document.createElementNS(svgNs, name);
  for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
  return node;
}

function titled(node, text) {
  const title = svg('title');
  title.textContent = text;
  node.append(title);
  return node;
}

const text = value => value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
const formatTime = iso => { const d = new Date(iso); return isNaN(d) ? text(iso) : d.toLocaleString(state.lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' }); };
const label = (list, code) => {
  const found = state.vocabulary?.[list]?.find(c => c.code === code);
  return found ? (state.lang === 'en' ? found.labelEn || found.label : found.label) : text(code);
};

async function json(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

const momentText = () => state.moment ? new Date(state.moment * 1000).toISOString().replace(/\.\d+Z$/, 'Z') : null;
const query = () => state.moment ? `?tijdstip=${encodeURIComponent(momentText())}` : '';

// The view in the address bar, so that a link shows a colleague the same: filters and the moment.
function viewQuery() {
  const params = new URLSearchParams();
  for (const name of filterNames) if (state.filters[name]) params.set(name, state.filters[name]);
  if (state.moment) params.set('tijdstip', momentText());
  const q = params.toString();
  return q ? `?${q}` : '';
}

function remember() {
  history.replaceState(null, '', `${location.pathname}${viewQuery()}`);
  $('rapport').href = `/situatierapport${viewQuery()}`;
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  state.filters = {};
  for (const name of filterNames) if (params.get(name)) state.filters[name] = params.get(name);
  const moment = Date.parse(params.get('tijdstip') || '');
  state.moment = isNaN(moment) ? null : Math.floor(moment / 1000);
}

// The same filter as the node's situatierapport (PortalFilter): region, GRIP, classification (by its start),
// discipline (or a perspective's), only contradicted, and words in id, classification, region or location.
function matches(incident) {
  const f = state.filters;
  const discipline = f.discipline || state.vocabulary?.perspectieven?.find(p => p.naam.toLowerCase() === (f.perspectief || '').toLowerCase())?.discipline;
  if (f.regio && !f.regio.split(',').map(r => r.trim().toUpperCase()).includes(text(incident.veiligheidsregio).toUpperCase())) return false;
  if (f.grip && text(incident.grip).toUpperCase() !== f.grip.toUpperCase()) return false;
  if (f.classificatie && !text(incident.classificatie).toLowerCase().startsWith(f.classificatie.toLowerCase())) return false;
  if (discipline && !(incident.disciplines || []).some(d => text(d).toUpperCase() === discipline.toUpperCase())) return false;
  if (f.tegenstrijdig === 'ja' && !(incident.tegenstrijdigheden > 0)) return false;
  if (f.kwaliteit && qualities[f.kwaliteit] && !qualities[f.kwaliteit][1](incident)) return false;
  if (f.tekst) {
    const haystack = [incident.id, incident.classificatie, label('classificatie', incident.classificatie), incident.veiligheidsregio, incident.locatie].map(text).join(' ').toLowerCase();
    if (!f.tekst.toLowerCase().split(/\s+/).filter(Boolean).every(word => haystack.includes(word))) return false;
  }
  return true;
}

const shown = () => (state.picture?.incidenten || []).filter(matches);

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll('[data-t]').forEach(node => { node.textContent = t(node.dataset.t); });
  const other = state.lang === 'nl' ? 'en' : 'nl';
  $('taal').textContent = t('switchTo');
  $('taal').lang = other;
  document.title = `${t('title')} ${state.health ? state.health.naam : ''}`.trim();
  fillFilters();
  render();
}

function fillFilters() {
  if (!state.vocabulary) return;
  const options = (select, items) => {
    const first = select.options[0];
    select.replaceChildren(first, ...items.map(([value, name]) => el('option', { value }, name)));
  };
  options($('f-perspectief'), state.vocabulary.perspectieven.map(p => [p.naam, p.naam]));
  options($('f-regio'), state.vocabulary.veiligheidsregio.map(c => [c.code, `${c.code} ${label('veiligheidsregio', c.code).replace(/^Veiligheidsregio /, '')}`]));
  options($('f-grip'), state.vocabulary.grip.map(c => [c.code, c.code]));
  options($('f-classificatie'), state.vocabulary.classificatie.filter(c => c.code.length === 2).map(c => [c.code, label('classificatie', c.code)]));
  options($('f-discipline'), state.vocabulary.discipline.map(c => [c.code, label('discipline', c.code)]));
  options($('f-kwaliteit'), Object.entries(qualities).map(([code, [key]]) => [code, t(key)]));
  showFilters();
}

function showFilters() {
  const form = $('filters');
  for (const name of filterNames) {
    const field = form.elements[name];
    if (field.type === 'checkbox') field.checked = state.filters[name] === 'ja';
    else field.value = state.filters[name] || '';
  }
}

function readFilters() {
  const form = $('filters');
  state.filters = {};
  for (const name of filterNames) {
    const field = form.elements[name];
    const value = field.type === 'checkbox' ? (field.checked ? 'ja' : '') : field.value.trim();
    if (value) state.filters[name] = value;
  }
  remember();
  render();
}

// Map: WGS 84 on an equirectangular grid scaled by cos(52°), framed on the Netherlands, in a 1000 × 1000 box.
const frame = { west: 3.2, east: 7.3, south: 50.7, north: 53.6 };
const scale = Math.cos(52.1 * Math.PI / 180);
function project([lon, lat]) {
  const width = (frame.east - frame.west) * scale, height = frame.north - frame.south;
  const size = Math.max(width, height);
  const x = ((lon - frame.west) * scale + (size - width) / 2) / size * 1000;
  const y = ((frame.north - lat) + (size - height) / 2) / size * 1000;
  return [x, y];
}

const rings = geometry => geometry.type === 'Polygon' ? geometry.coordinates : geometry.type === 'MultiPolygon' ? geometry.coordinates.flat() : [];
const path = geometry => rings(geometry).map(ring => 'M' + ring.map(p => project(p).map(v => v.toFixed(1)).join(',')).join('L') + 'Z').join(' ');

function bounds(points) {
  const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

// A square view around a box, with a margin; never smaller than a few kilometres.
function around(box, margin = 0.08) {
  const size = Math.max(box.x1 - box.x0, box.y1 - box.y0, 12) * (1 + 2 * margin);
  return { x: (box.x0 + box.x1) / 2 - size / 2, y: (box.y0 + box.y1) / 2 - size / 2, w: size, h: size };
}

const regionCode = feature => text(feature.properties?.statcode || feature.id || feature.properties?.code).toUpperCase();
const regionName = feature => text(feature.properties?.statnaam || feature.properties?.naam || regionCode(feature));

function homeView() {
  const own = state.health?.regio && (state.outlines?.features || []).find(f => regionCode(f) === state.health.regio.toUpperCase() && f.geometry);
  return own ? around(bounds(rings(own.geometry).flat().map(project))) : { x: 0, y: 0, w: 1000, h: 1000 };
}

function setView(view) {
  const size = Math.min(Math.max(view.w, 8), 1400);
  const cx = view.x + view.w / 2, cy = view.y + view.h / 2;
  state.view = { x: Math.min(Math.max(cx, -200), 1200) - size / 2, y: Math.min(Math.max(cy, -200), 1200) - size / 2, w: size, h: size };
  renderMap();
}

function zoom(factor, cx, cy) {
  const v = state.view;
  cx ??= v.x + v.w / 2; cy ??= v.y + v.h / 2;
  setView({ x: cx - (cx - v.x) * factor, y: cy - (cy - v.y) * factor, w: v.w * factor, h: v.h * factor });
}

const pan = (dx, dy) => setView({ ...state.view, x: state.view.x + dx * state.view.w, y: state.view.y + dy * state.view.h });

// Open incidents per region for the national view's colours: 0, 1, 2–4, 5–9, 10 or more.
const bucket = n => n >= 10 ? 4 : n >= 5 ? 3 : n >= 2 ? 2 : n >= 1 ? 1 : 0;

function renderMap() {
  const map = $('kaart');
  state.view ??= homeView();
  // k: map units per screen pixel, so that markers and labels keep their size at every zoom and on every screen.
  const v = state.view, k = v.w / Math.max(map.getBoundingClientRect().width || 500, 200);
  map.setAttribute('viewBox', `${v.x.toFixed(1)} ${v.y.toFixed(1)} ${v.w.toFixed(1)} ${v.h.toFixed(1)}`);
  map.replaceChildren();
  const national = !state.health?.regio;
  const incidents = shown();
  const perRegion = new Map();
  for (const incident of incidents) {
    const code = text(incident.veiligheidsregio).toUpperCase();
    if (code) perRegion.set(code, (perRegion.get(code) || 0) + 1);
  }

  const [x0, y0] = project([frame.west, frame.north]), [x1, y1] = project([frame.east, frame.south]);
  map.append(svg('rect', { class: 'land', x: x0, y: y0, width: x1 - x0, height: y1 - y0, 'aria-hidden': 'true' }));
  const rows = [];
  let regions = 0;
  for (const feature of state.outlines?.features || []) {
    if (!feature.geometry) continue;
    const code = regionCode(feature), name = regionName(feature), count = perRegion.get(code) || 0;
    const classes = ['regio'];
    if (national) classes.push(`n${bucket(count)}`);
    if (code === state.health?.regio?.toUpperCase()) classes.push('eigen');
    const outline = svg('path', { class: classes.join(' '), d: path(feature.geometry), 'data-regio': code, role: 'img', 'aria-label': national ? t('regionCount')(name, count) : name });
    map.append(titled(outline, national ? t('regionCount')(name, count) : name));
    rows.push([code, name, count]);
    regions++;
  }

  let areas = 0;
  const byId = new Map(incidents.map(i => [i.id, i]));
  const points = [];
  for (const feature of state.geo?.features || []) {
    const p = feature.properties || {}, g = feature.geometry;
    if (!g) continue;
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      map.append(titled(svg('path', { class: 'gebied', d: path(g) }), `${t('kinds').waarschuwing || ''} ${text(p.kop || p.gebeurtenis || p.id)}`));
      areas++;
    } else if (g.type === 'Point' && p.entiteit === 'incident') {
      if (byId.has(p.id)) points.push({ id: p.id, at: project(g.coordinates), incident: byId.get(p.id), feature: p });
    } else if (g.type === 'Point' && Object.keys(state.filters).length === 0) {
      const [x, y] = project(g.coordinates);
      map.append(titled(svg('circle', { class: 'melding', cx: x, cy: y, r: 6 * k, 'stroke-width': 2 * k }), `${(t('kinds')[p.entiteit] || p.entiteit)} ${text(p.id)}`));
    }
  }

  // Markers closer than about 26 screen units are one group with a count; choosing it zooms in on them.
  const reach = 22 * k, groups = [];
  for (const point of points) {
    const near = groups.find(g => Math.hypot(g.at[0] - point.at[0], g.at[1] - point.at[1]) < reach);
    if (near) near.members.push(point); else groups.push({ at: point.at, members: [point] });
  }

  for (const group of groups) {
    // Incidents at (nearly) one place are laid around it, up to eight, or once their group was chosen.
    const box = bounds(group.members.map(m => m.at));
    const tight = Math.max(box.x1 - box.x0, box.y1 - box.y0) < 2 * k;
    const key = group.members.map(m => m.id).sort().join('|');
    const spread = group.members.length > 1 && tight && (group.members.length <= 8 || state.spread.has(key) || group.members.some(m => m.id === state.selected));
    if (spread) {
      const [cx, cy] = group.at, n = group.members.length, radius = (16 + 3 * n) * k;
      group.members.forEach((m, i) => {
        const angle = 2 * Math.PI * i / n - Math.PI / 2;
        m.at = [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)];
        map.append(svg('line', { class: 'leider', x1: cx, y1: cy, x2: m.at[0], y2: m.at[1], 'stroke-width': 1.5 * k, 'aria-hidden': 'true' }));
      });
    }

    if (group.members.length > 1 && !spread && !group.members.some(m => m.id === state.selected)) {
      const [x, y] = group.at;
      const ids = group.members.map(m => m.id).join(', ');
      const node = svg('g', { class: 'groep', tabindex: '0', role: 'button', 'aria-label': t('group')(group.members.length, ids), 'data-aantal': String(group.members.length) });
      node.append(titled(svg('circle', { cx: x, cy: y, r: 13 * k, 'stroke-width': 2 * k }), t('group')(group.members.length, ids)));
      const count = svg('text', { x, y, 'font-size': 14 * k });
      count.textContent = String(group.members.length);
      node.append(count);
      const open = () => { if (tight) { state.spread.add(key); renderMap(); } else setView(around(box, 0.5)); };
      node.addEventListener('click', open);
      node.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(); } });
      map.append(node);
      continue;
    }

    for (const { id, at: [x, y], incident, feature } of group.members) {
      const contradicted = (incident?.tegenstrijdigheden || 0) > 0;
      const r = 9 * k;
      const marker = svg(contradicted ? 'rect' : 'circle', contradicted
        ? { x: x - r, y: y - r, width: 2 * r, height: 2 * r, transform: `rotate(45 ${x} ${y})` }
        : { cx: x, cy: y, r });
      marker.setAttribute('class', `incident${contradicted ? ' tegenstrijdig' : ''}${state.selected === id ? ' gekozen' : ''}`);
      marker.setAttribute('stroke-width', String((state.selected === id ? 4 : 2) * k));
      marker.setAttribute('tabindex', '0');
      marker.setAttribute('role', 'button');
      marker.setAttribute('aria-label', `${t('incident')} ${id}${contradicted ? ', ' + t('contradiction') : ''}`);
      marker.dataset.id = id;
      marker.addEventListener('click', () => select(id));
      marker.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(id); } });
      map.append(titled(marker, `${id} ${label('classificatie', feature.classificatie)} ${text(feature.grip)}`));
      const caption = svg('text', { x: x + 13 * k, y: y + 5 * k, 'font-size': 14 * k, 'stroke-width': 3 * k, 'aria-hidden': 'true' });
      caption.textContent = text(feature.grip || id);
      map.append(caption);
    }
  }

  $('kaartuitleg').textContent = `${t('mapCount')(points.length, areas)} ${regions ? t('outlines')(regions) : t('noOutlines')} ${t('mapHelp')}`;
  const legend = $('legenda');
  legend.hidden = !national;
  legend.replaceChildren(...t('legend').map((name, i) => el('li', {}, el('span', { class: `kleur${i}`, 'aria-hidden': 'true' }), name)));
  const table = $('perregio');
  table.hidden = !national;
  table.tBodies[0].replaceChildren(...rows.map(([code, name, count]) => el('tr', { 'data-regio': code }, el('td', {}, name), el('td', {}, count))));
}

function cell(name, ...children) {
  return el('td', { 'data-label': name }, ...children);
}

// A cell whose text may break anywhere (long codes, place names, source URNs), so the table fits its column.
function long(name, ...children) {
  return el('td', { 'data-label': name, class: 'rek' }, ...children);
}

function renderList() {
  const body = $('lijst').tBodies[0];
  const all = state.picture?.incidenten || [];
  const incidents = shown();
  const rows = [];
  for (const incident of incidents) {
    const contradicted = incident.tegenstrijdigheden > 0;
    const mark = contradicted
      ? el('span', { class: 'mark tegenstrijdig' }, `⚠ ${t('contradiction')}: ${incident.tegenstrijdigeVelden.join(', ')}`)
      : el('span', { class: 'mark eenduidig' }, `✓ ${t('agreed')}`);
    const status = cell(t('state'), mark);
    if (incident.opgelost > 0) status.append(el('span', { class: 'mark opgelost' }, ` (${incident.opgelost} ${t('resolved')})`));
    if (incident.terugmeldingen > 0) status.append(el('span', { class: 'mark terugmelding' }, ` ? ${t('doubted')(incident.terugmeldingen)}`));
    if (incident.algoritmischeVelden?.length > 0) status.append(el('span', { class: 'mark algoritme' }, ` ⚙ ${t('algorithmic')}: ${incident.algoritmischeVelden.join(', ')}`));
    const button = el('button', { type: 'button', 'aria-expanded': String(state.selected === incident.id), 'aria-controls': 'details' }, incident.id);
    button.addEventListener('click', () => select(incident.id));
    rows.push(el('tr', { 'data-id': incident.id, class: state.selected === incident.id ? 'gekozen' : null },
      cell(t('incident'), button), long(t('classification'), label('classificatie', incident.classificatie)), cell('GRIP', text(incident.grip)),
      cell(t('region'), text(incident.veiligheidsregio)), long(t('location'), text(incident.locatie)), cell(t('sources'), text(incident.bronnen)), status));
  }
  body.replaceChildren(...rows);

  const other = $('overig').tBodies[0];
  other.replaceChildren(...(state.picture?.entiteiten || []).map(entity => {
    const what = [entity.kop || entity.gebeurtenis, entity.soort && `${entity.soort}: ${text(entity.beschikbaar)}${entity.totaal !== undefined ? ' / ' + entity.totaal : ''}`,
      entity.classificatie, entity.prioriteit, entity.omschrijving || entity.tekst, entity.locatie].filter(Boolean).join(' · ');
    return el('tr', { 'data-entiteit': entity.entiteit },
      cell(t('kind'), t('kinds')[entity.entiteit] || entity.entiteit), long('Id', entity.id), long(t('what'), what),
      long(t('source'), entity.herkomst.bron), cell(t('time'), formatTime(entity.herkomst.tijdstip)));
  }));

  const contradicted = incidents.filter(i => i.tegenstrijdigheden > 0).length;
  const summary = t('summary')(incidents.length, state.picture?.bronnen ?? 0, contradicted);
  $('samenvatting').textContent = incidents.length === all.length ? summary : `${summary} · ${t('filtered')(incidents.length, all.length)}`;
}

// The newest message the reader may see, and whether the live stream holds.
function renderLive() {
  const times = [...(state.picture?.incidenten || []).map(i => i.bijgewerkt), ...(state.picture?.entiteiten || []).map(e => e.herkomst?.tijdstip)]
    .filter(Boolean).map(Date.parse).filter(n => !isNaN(n));
  $('laatste').textContent = `${t('latest')}: ${times.length ? formatTime(new Date(Math.max(...times)).toISOString()) : t('noMessages')}`;
  const live = $('live');
  live.classList.toggle('verbroken', !state.connected);
  live.textContent = !state.connected ? `⚠ ${t('disconnected')}` : state.moment ? `⏸ ${t('history')}` : `● ${t('live')}`;
}

async function select(id) {
  state.selected = id;
  const panel = $('details');
  try {
    const incident = await json(`/v1/incidenten/${encodeURIComponent(id)}${query()}`);
    const fields = el('dl');
    for (const [name, value] of Object.entries(incident.velden)) {
      const origin = incident.herkomst[name];
      const item = el('dd', { 'data-veld': name }, el('div', {}, shortValue(name, value)),
        el('div', { class: 'herkomst' }, `${t('provenance')}: ${origin.bron} · ${t('message')} ${origin.bericht} · ${formatTime(origin.tijdstip)}`));
      const made = origin.totstandkoming;
      if (made && (made.soort === 'ai' || made.soort === 'berekening')) {
        item.append(el('div', { class: `mark algoritme${made.soort === 'ai' && !['bevestigd', 'aangepast'].includes(made.beoordeeld) ? ' onbeoordeeld' : ''}` }, `⚙ ${t('origin')(made)}`));
      }

      for (const d of (incident.terugmeldingen || []).filter(d => d.veld === name)) {
        item.append(el('div', { class: 'mark terugmelding' }, `? ${t('doubt')}: ${t('doubtLine')(d)}`));
      }

      fields.append(el('dt', {}, name), item);
    }

    const open = el('section', {}, el('h3', {}, `${t('openContradictions')}: ${incident.tegenstrijdigheden.length || t('none')}`));
    for (const c of incident.tegenstrijdigheden) open.append(conflict(c, 'conflict'));
    const decided = el('section', {}, el('h3', {}, `${t('resolvedContradictions')}: ${incident.opgelost.length || t('none')}`));
    for (const c of incident.opgelost) {
      const block = conflict(c, 'besloten');
      block.append(el('p', {}, `${t('decidedBy')} ${c.besluit.id} (${text(c.besluit.team)}): ${shortValue(c.veld, c.besluit.waarde)} · ${formatTime(c.besluit.herkomst.tijdstip)}`));
      decided.append(block);
    }

    const close = el('button', { type: 'button' }, t('close'));
    close.addEventListener('click', () => { state.selected = null; panel.hidden = true; render(); });
    panel.replaceChildren(el('h3', {}, `${t('incident')} ${incident.id}`), open, decided, el('h3', {}, t('fields')), fields, close);
    panel.hidden = false;
    render();
    panel.focus();
  } catch (error) {
    panel.replaceChildren(el('p', {}, String(error)));
    panel.hidden = false;
  }
}

function conflict(c, kind) {
  const block = el('div', { class: kind }, el('p', {}, el('strong', {}, c.veld), ` — ${c.reden}`));
  const list = el('ul');
  for (const v of c.waarden) {
    const made = v.herkomst.totstandkoming;
    const note = made && (made.soort === 'ai' || made.soort === 'berekening') ? ` ⚙ ${t('origin')(made)}` : '';
    list.append(el('li', {}, `${shortValue(c.veld, v.waarde)} — ${v.herkomst.bron} (${v.herkomst.bericht}, ${formatTime(v.herkomst.tijdstip)})${note}`));
  }
  block.append(list);
  return block;
}

function shortValue(field, value) {
  if (field === 'locatie' && value && typeof value === 'object') {
    const c = value.geometrie?.coordinates;
    return `${text(value.omschrijving)}${c ? ` [${c.slice(0, 2).join(', ')}${value.crs ? ' ' + value.crs : ''}]` : ''}`;
  }
  return text(value);
}

// The sources: a banner for every one silent past its declared interval, and a table a person can sort.
function renderSources() {
  const stale = state.sources.filter(b => !b.actueel);
  $('verouderd').hidden = stale.length === 0;
  $('verouderd').textContent = stale.length ? t('stale')(stale.map(b => `${b.bron} (${t('latestShort').toLowerCase()} ${formatTime(b.laatste)}, interval ${b.interval})`).join('; ')) : '';
  const key = state.sortBy;
  const rows = [...state.sources].sort((a, b) => {
    const x = a[key] ?? -1, y = b[key] ?? -1;
    const order = typeof x === 'string' ? x.localeCompare(y) : Number(x) - Number(y);
    return state.sortDown ? -order : order;
  });
  $('bronnen').tBodies[0].replaceChildren(...rows.map(b => el('tr', { 'data-bron': b.bron, class: b.actueel ? null : 'verouderd' },
    long(t('source'), b.bron), cell(t('latestShort'), formatTime(b.laatste)),
    cell(t('current'), b.actueel ? t('yes') : `⚠ ${t('outdated')}`), cell(t('messages'), `${b.berichten} (${b.geverifieerd} ✔)`),
    cell(t('contradicted'), b.tegenstrijdigheid === null || b.tegenstrijdigheid === undefined ? b.tegenstrijdig : `${b.tegenstrijdig} (${Math.round(b.tegenstrijdigheid * 100)}%)`),
    cell(t('doubtsShort'), b.terugmeldingen ?? 0),
    cell(t('completeness'), b.volledigheid === null ? '—' : `${Math.round(b.volledigheid * 100)}%`))));
  document.querySelectorAll('#bronnen [data-sorteer]').forEach(button => {
    const th = button.closest('th');
    th.setAttribute('aria-sort', button.dataset.sorteer === key ? (state.sortDown ? 'descending' : 'ascending') : 'none');
  });
}

function render() {
  renderMap();
  renderList();
  renderSources();
  renderLive();
}

async function load() {
  const [picture, geo, sources] = await Promise.all([json(`/v1/situatiebeeld${query()}`), json(`/v1/situatiebeeld/geojson${query()}`), json(`/v1/bronnen${query()}`)]);
  state.picture = picture;
  state.geo = geo;
  // What /v1/bronnen gives, with each source's reliability from the picture (contradiction rate, open feedback).
  const reliability = new Map((picture.betrouwbaarheid || []).map(b => [b.bron, b]));
  state.sources = sources.map(b => ({ ...b, tegenstrijdigheid: reliability.get(b.bron)?.tegenstrijdigheid ?? null, terugmeldingen: reliability.get(b.bron)?.terugmeldingen ?? 0 }));
  render();
  if (!document.body.dataset.geladen) performance.mark('vr-beeld');
  document.body.dataset.geladen = String(Date.now());
}

async function refreshHealth() {
  state.health = await json('/v1/gezondheid');
  $('naam').textContent = state.health.naam;
  $('ongetekend').hidden = state.health.handtekeningen !== 'niet gecontroleerd';
  $('open').hidden = state.health.toegang !== 'open — alleen lokaal';
  const slider = $('tijdstip');
  const first = state.health.eerste ? Math.floor(Date.parse(state.health.eerste) / 1000) : Math.floor(Date.now() / 1000);
  const last = Math.max(Math.ceil(Date.now() / 1000), state.health.laatste ? Math.ceil(Date.parse(state.health.laatste) / 1000) : 0);
  slider.min = String(first - 60);
  slider.max = String(last);
  slider.value = String(state.moment ?? last);
  showMoment();
}

// The chair's grants (doorbraken): shown while they hold; the chair grants them with the form.
async function refreshGrants() {
  const { doorbraken } = await json('/v1/doorbraken');
  const active = doorbraken.filter(g => g.actief);
  $('doorbraaklijst').replaceChildren(...active.map(g => el('li', { 'data-doorbraak': g.id }, t('grantLine')(g))));
  $('doorbraken').hidden = active.length === 0;
}

async function grant(event) {
  event.preventDefault();
  const form = event.target;
  const words = name => form.elements[name].value.split(/\s+/).filter(Boolean);
  const body = {
    afnemers: words('afnemers'), bronnen: words('bronnen'), entiteiten: words('entiteiten'), doel: form.elements.doel.value.trim(),
    persoonsgegevens: [...form.querySelectorAll('input[name=persoonsgegevens]:checked')].map(c => c.value),
    uren: Number(form.elements.uren.value), reden: form.elements.reden.value,
  };
  const token = state.session.antivervalsing;
  const response = await fetch('/v1/doorbraken', { method: 'POST', headers: { 'Content-Type': 'application/json', [token.kop]: token.token }, body: JSON.stringify(body) });
  const answer = await response.json();
  $('db-uitkomst').textContent = response.ok ? t('granted')(answer) : `${t('refused')}: ${answer.detail}`;
  if (response.ok) { form.reset(); await refreshGrants(); }
}

function showMoment() {
  const slider = $('tijdstip');
  const seconds = state.moment ?? Number(slider.value);
  $('tijdtekst').textContent = formatTime(new Date(seconds * 1000).toISOString());
  slider.setAttribute('aria-valuetext', $('tijdtekst').textContent);
}

// Live: every change reloads the picture; when the stream drops the portal says so, and catches up once it is back.
function live() {
  const stream = new EventSource('/v1/situatiebeeld/stroom');
  const refresh = async () => {
    await refreshHealth();
    await refreshGrants();
    if (!state.moment) {
      await load();
      if (state.selected) await select(state.selected);
    }
  };
  stream.addEventListener('wijziging', refresh);
  stream.addEventListener('error', () => {
    state.connected = false;
    renderLive();
    if (stream.readyState === EventSource.CLOSED) setTimeout(live, 3000);
  });
  stream.addEventListener('open', async () => {
    if (state.connected) return;
    state.connected = true;
    await refresh();
  });
}

// Pan by dragging (mouse, pen or touch), pinch or wheel to zoom, and the keyboard on the focused map.
function interact() {
  const map = $('kaart');
  const pointers = new Map();
  let pinch = null;
  const toMap = (clientX, clientY) => {
    const box = map.getBoundingClientRect(), v = state.view, side = Math.min(box.width, box.height);
    return [v.x + (clientX - box.left - (box.width - side) / 2) / side * v.w, v.y + (clientY - box.top - (box.height - side) / 2) / side * v.h];
  };
  map.addEventListener('pointerdown', e => {
    if (e.target.closest('.incident, .groep')) return;
    pointers.set(e.pointerId, [e.clientX, e.clientY]);
    map.setPointerCapture(e.pointerId);
  });
  map.addEventListener('pointermove', e => {
    if (!pointers.has(e.pointerId)) return;
    const before = pointers.get(e.pointerId);
    pointers.set(e.pointerId, [e.clientX, e.clientY]);
    const box = map.getBoundingClientRect(), side = Math.min(box.width, box.height);
    if (pointers.size === 1) {
      pan(-(e.clientX - before[0]) / side, -(e.clientY - before[1]) / side);
    } else if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const distance = Math.hypot(a[0] - b[0], a[1] - b[1]);
      if (pinch) {
        const [cx, cy] = toMap((a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
        zoom(pinch / distance, cx, cy);
      }
      pinch = distance;
    }
  });
  const release = e => { pointers.delete(e.pointerId); if (pointers.size < 2) pinch = null; };
  map.addEventListener('pointerup', release);
  map.addEventListener('pointercancel', release);
  map.addEventListener('wheel', e => {
    e.preventDefault();
    const [cx, cy] = toMap(e.clientX, e.clientY);
    zoom(e.deltaY > 0 ? 1.25 : 0.8, cx, cy);
  }, { passive: false });
  map.addEventListener('keydown', e => {
    if (e.target !== map) return;
    const moves = { ArrowLeft: [-0.15, 0], ArrowRight: [0.15, 0], ArrowUp: [0, -0.15], ArrowDown: [0, 0.15] };
    if (moves[e.key]) { e.preventDefault(); pan(...moves[e.key]); }
    else if (e.key === '+' || e.key === '=') { e.preventDefault(); zoom(0.8); }
    else if (e.key === '-' || e.key === '_') { e.preventDefault(); zoom(1.25); }
    else if (e.key === '0') { e.preventDefault(); setView(homeView()); }
  });
  $('inzoomen').addEventListener('click', () => zoom(0.8));
  $('uitzoomen').addEventListener('click', () => zoom(1.25));
  $('passend').addEventListener('click', () => setView(homeView()));
}

document.addEventListener('DOMContentLoaded', async () => {
  readAddress();
  $('taal').addEventListener('click', () => {
    state.lang = state.lang === 'nl' ? 'en' : 'nl';
    localStorage.setItem('vr-taal', state.lang);
    applyLanguage();
  });
  $('tijdstip').addEventListener('input', showMoment);
  $('tijdstip').addEventListener('change', async () => {
    const slider = $('tijdstip');
    state.moment = Number(slider.value) >= Number(slider.max) ? null : Number(slider.value);
    showMoment();
    remember();
    await load();
  });
  $('nu').addEventListener('click', async () => {
    state.moment = null;
    remember();
    await refreshHealth();
    await load();
  });
  const filters = $('filters');
  filters.addEventListener('input', readFilters);
  filters.addEventListener('change', readFilters);
  filters.addEventListener('submit', e => e.preventDefault());
  filters.addEventListener('reset', () => setTimeout(readFilters));
  interact();
  document.querySelectorAll('#bronnen [data-sorteer]').forEach(button => button.addEventListener('click', () => {
    state.sortDown = state.sortBy === button.dataset.sorteer ? !state.sortDown : false;
    state.sortBy = button.dataset.sorteer;
    renderSources();
  }));
  await refreshHealth();
  state.session = await json('/v1/sessie');
  $('verlenen').hidden = !state.session.magVerlenen;
  $('doorbraakformulier').addEventListener('submit', grant);
  await refreshGrants();
  const [outlines, vocabulary] = await Promise.allSettled([json('/regiogrenzen.geojson'), json('/begrippen.json')]);
  state.outlines = outlines.status === 'fulfilled' ? outlines.value : null;
  state.vocabulary = vocabulary.status === 'fulfilled' ? vocabulary.value : null;
  remember();
  applyLanguage();
  await load();
  live();
});
