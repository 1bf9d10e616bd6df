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
    close: 'Close', none: 'none', kinds: { waarschuwing: 'Warning', capaciteit: 'Capacity', melding: 'Report', besluit: 'Decision', situatiebeeld: 'Situation report', object: 'Object' },
  },
};

const state = { session: null, lang: localStorage.getItem('vr-taal') === 'en' ? 'en' : 'nl', moment: null, picture: null, geo: null, outlines: null, selected: null, health: null };
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

const text = value => value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
const formatTime = iso => { const d = new Date(iso); return isNaN(d) ? text(iso) : d.toLocaleString(state.lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short' }); };

async function json(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

const query = () => state.moment ? `?tijdstip=${encodeURIComponent(new Date(state.moment * 1000).toISOString().replace(/\.\d+Z$/, 'Z'))}` : '';

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll('[data-t]').forEach(node => { node.textContent = t(node.dataset.t); });
  const other = state.lang === 'nl' ? 'en' : 'nl';
  $('taal').textContent = t('switchTo');
  $('taal').lang = other;
  document.title = `${t('title')} ${state.health ? state.health.naam : ''}`.trim();
  render();
}

// Map: WGS 84 on an equirectangular grid scaled by cos(52°), framed on the Netherlands.
const frame = { west: 3.2, east: 7.3, south: 50.7, north: 53.6 };
const scale = Math.cos(52.1 * Math.PI / 180);
function project([lon, lat]) {
  const width = (frame.east - frame.west) * scale, height = frame.north - frame.south;
  const size = Math.max(width, height);
  const x = ((lon - frame.west) * scale + (size - width) / 2) / size * 1000;
  const y = ((frame.north - lat) + (size - height) / 2) / size * 1000;
  return [x.toFixed(1), y.toFixed(1)];
}

function path(geometry) {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.type === 'MultiPolygon' ? geometry.coordinates.flat() : [];
  return rings.map(ring => 'M' + ring.map(p => project(p).join(',')).join('L') + 'Z').join(' ');
}

function renderMap() {
  const map = $('kaart');
  map.replaceChildren();
  const [x0, y0] = project([frame.west, frame.north]), [x1, y1] = project([frame.east, frame.south]);
  map.append(svg('rect', { class: 'land', x: x0, y: y0, width: x1 - x0, height: y1 - y0 }));
  let regions = 0;
  for (const feature of state.outlines?.features || []) {
    if (!feature.geometry) continue;
    const outline = svg('path', { class: 'regio', d: path(feature.geometry) });
    const title = svg('title');
    title.textContent = text(feature.properties?.statnaam || feature.properties?.naam || feature.properties?.code);
    outline.append(title);
    map.append(outline);
    regions++;
  }

  let incidents = 0, areas = 0;
  const byId = new Map((state.picture?.incidenten || []).map(i => [i.id, i]));
  for (const feature of state.geo?.features || []) {
    const p = feature.properties || {};
    const g = feature.geometry;
    if (!g) continue;
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const area = svg('path', { class: 'gebied', d: path(g) });
      const title = svg('title');
      title.textContent = `${t('kinds').waarschuwing || ''} ${text(p.kop || p.gebeurtenis || p.id)}`;
      area.append(title);
      map.append(area);
      areas++;
    } else if (g.type === 'Point' && p.entiteit === 'incident') {
      const [x, y] = project(g.coordinates);
      const incident = byId.get(p.id);
      const contradicted = (incident?.tegenstrijdigheden || 0) > 0;
      const marker = svg(contradicted ? 'rect' : 'circle', contradicted
        ? { x: x - 11, y: y - 11, width: 22, height: 22, transform: `rotate(45 ${x} ${y})` }
        : { cx: x, cy: y, r: 11 });
      marker.setAttribute('class', `incident${contradicted ? ' tegenstrijdig' : ''}${state.selected === p.id ? ' gekozen' : ''}`);
      marker.setAttribute('tabindex', '0');
      marker.setAttribute('role', 'button');
      marker.setAttribute('aria-label', `${t('incident')} ${p.id}${contradicted ? ', ' + t('contradiction') : ''}`);
      marker.dataset.id = p.id;
      marker.addEventListener('click', () => select(p.id));
      marker.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(p.id); } });
      const title = svg('title');
      title.textContent = `${p.id} ${text(p.classificatie)} ${text(p.grip)}`;
      marker.append(title);
      map.append(marker);
      const label = svg('text', { x: Number(x) + 16, y: Number(y) + 7 });
      label.textContent = text(p.grip || p.id);
      map.append(label);
      incidents++;
    } else if (g.type === 'Point') {
      const [x, y] = project(g.coordinates);
      const marker = svg('circle', { class: 'melding', cx: x, cy: y, r: 7 });
      const title = svg('title');
      title.textContent = `${(t('kinds')[p.entiteit] || p.entiteit)} ${text(p.id)}`;
      marker.append(title);
      map.append(marker);
    }
  }

  $('kaartuitleg').textContent = `${t('mapCount')(incidents, areas)} ${regions ? t('outlines')(regions) : t('noOutlines')}`;
}

function renderList() {
  const body = $('lijst').tBodies[0];
  body.replaceChildren();
  const incidents = state.picture?.incidenten || [];
  for (const incident of incidents) {
    const contradicted = incident.tegenstrijdigheden > 0;
    const mark = contradicted
      ? el('span', { class: 'mark tegenstrijdig' }, `⚠ ${t('contradiction')}: ${incident.tegenstrijdigeVelden.join(', ')}`)
      : el('span', { class: 'mark eenduidig' }, `✓ ${t('agreed')}`);
    const status = el('td', {}, mark);
    if (incident.opgelost > 0) status.append(el('span', { class: 'mark opgelost' }, ` (${incident.opgelost} ${t('resolved')})`));
    if (incident.terugmeldingen > 0) status.append(el('span', { class: 'mark terugmelding' }, ` ? ${t('doubted')(incident.terugmeldingen)}`));
    const button = el('button', { type: 'button', 'aria-expanded': String(state.selected === incident.id), 'aria-controls': 'details' }, incident.id);
    button.addEventListener('click', () => select(incident.id));
    const row = el('tr', { 'data-id': incident.id, class: state.selected === incident.id ? 'gekozen' : null },
      el('td', {}, button), el('td', {}, text(incident.classificatie)), el('td', {}, text(incident.grip)),
      el('td', {}, text(incident.veiligheidsregio)), el('td', {}, text(incident.locatie)), el('td', {}, text(incident.bronnen)), status);
    body.append(row);
  }

  const other = $('overig').tBodies[0];
  other.replaceChildren();
  for (const entity of state.picture?.entiteiten || []) {
    const what = [entity.kop || entity.gebeurtenis, entity.soort && `${entity.soort}: ${text(entity.beschikbaar)}${entity.totaal !== undefined ? ' / ' + entity.totaal : ''}`,
      entity.classificatie, entity.prioriteit, entity.omschrijving || entity.tekst, entity.locatie].filter(Boolean).join(' · ');
    other.append(el('tr', { 'data-entiteit': entity.entiteit },
      el('td', {}, t('kinds')[entity.entiteit] || entity.entiteit), el('td', {}, entity.id), el('td', {}, what),
      el('td', {}, entity.herkomst.bron), el('td', {}, formatTime(entity.herkomst.tijdstip))));
  }

  const contradicted = incidents.filter(i => i.tegenstrijdigheden > 0).length;
  $('samenvatting').textContent = t('summary')(incidents.length, state.picture?.bronnen ?? 0, contradicted);
}

async function select(id) {
  state.selected = id;
  const panel = $('details');
  try {
    const incident = await json(`/v1/incidenten/${encodeURIComponent(id)}${query()}`);
    const fields = el('dl');
    for (const [name, value] of Object.entries(incident.velden)) {
      const origin = incident.herkomst[name];
      const cell = el('dd', { 'data-veld': name }, el('div', {}, shortValue(name, value)),
        el('div', { class: 'herkomst' }, `${t('provenance')}: ${origin.bron} · ${t('message')} ${origin.bericht} · ${formatTime(origin.tijdstip)}`));
      for (const d of (incident.terugmeldingen || []).filter(d => d.veld === name)) {
        cell.append(el('div', { class: 'mark terugmelding' }, `? ${t('doubt')}: ${t('doubtLine')(d)}`));
      }

      fields.append(el('dt', {}, name), cell);
    }

    const open = el('section', {}, el('h4', {}, `${t('openContradictions')}: ${incident.tegenstrijdigheden.length || t('none')}`));
    for (const c of incident.tegenstrijdigheden) open.append(conflict(c, 'conflict'));
    const decided = el('section', {}, el('h4', {}, `${t('resolvedContradictions')}: ${incident.opgelost.length || t('none')}`));
    for (const c of incident.opgelost) {
      const block = conflict(c, 'besloten');
      block.append(el('p', {}, `${t('decidedBy')} ${c.besluit.id} (${text(c.besluit.team)}): ${shortValue(c.veld, c.besluit.waarde)} · ${formatTime(c.besluit.herkomst.tijdstip)}`));
      decided.append(block);
    }

    const close = el('button', { type: 'button' }, t('close'));
    close.addEventListener('click', () => { state.selected = null; panel.hidden = true; render(); });
    panel.replaceChildren(el('h3', {}, `${t('incident')} ${incident.id}`), open, decided, el('h4', {}, t('fields')), fields, close);
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
  for (const v of c.waarden) list.append(el('li', {}, `${shortValue(c.veld, v.waarde)} — ${v.herkomst.bron} (${v.herkomst.bericht}, ${formatTime(v.herkomst.tijdstip)})`));
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

function render() {
  renderMap();
  renderList();
  $('live').textContent = state.moment ? `⏸ ${t('history')}` : `● ${t('live')}`;
}

async function load() {
  const [picture, geo] = await Promise.all([json(`/v1/situatiebeeld${query()}`), json(`/v1/situatiebeeld/geojson${query()}`)]);
  state.picture = picture;
  state.geo = geo;
  render();
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
  if (!state.moment) slider.value = slider.max;
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

function live() {
  const stream = new EventSource('/v1/situatiebeeld/stroom');
  stream.addEventListener('wijziging', async () => {
    await refreshHealth();
    await refreshGrants();
    if (!state.moment) {
      await load();
      if (state.selected) await select(state.selected);
    }
  });
}

document.addEventListener('DOMContentLoaded', async () => {
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
    await load();
  });
  $('nu').addEventListener('click', async () => {
    state.moment = null;
    await refreshHealth();
    await load();
  });
  await refreshHealth();
  state.session = await json('/v1/sessie');
  $('verlenen').hidden = !state.session.magVerlenen;
  $('doorbraakformulier').addEventListener('submit', grant);
  await refreshGrants();
  try { state.outlines = state.health.regiogrenzen ? await json('/regiogrenzen.geojson') : null; } catch { state.outlines = null; }
  applyLanguage();
  await load();
  live();
});
