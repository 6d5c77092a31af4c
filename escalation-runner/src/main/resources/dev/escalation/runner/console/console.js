// The escalation console. Everything the server sends is put on the page as text (textContent, text
// nodes): customer words can never become markup, whatever they contain. The one exception is the
// flow diagram, SVG drawn by the server from the flow's own names and parsed as an SVG document.
'use strict';

const session = { csrf: null, actor: '', statuses: [], departments: [], priorities: [] };
let flowCache = null;

// ---- small DOM helpers -------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'value') node.value = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function pill(value, kind) {
  return el('span', { class: 'pill ' + (kind || value || '') }, value || '—');
}

function orUnset(value) {
  return value === null || value === undefined || value === '' ? el('span', { class: 'unset' }, 'not yet known') : String(value);
}

function when(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  return at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function emptyState(title, text) {
  return el('div', { class: 'empty' }, el('strong', {}, title), text);
}

function errorBox(message) {
  return el('div', { class: 'error', role: 'alert' }, message);
}

function show(...nodes) {
  const main = document.getElementById('main');
  main.replaceChildren(...nodes.filter(Boolean));
}

// ---- the server ---------------------------------------------------------------------------------

async function api(path, options) {
  const init = Object.assign({ headers: {} }, options || {});
  if (init.body !== undefined) {
    init.method = init.method || 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.headers['X-Console-CSRF'] = session.csrf;
    init.body = JSON.stringify(init.body);
  }
  const response = await fetch('/api' + path, init);
  let data = null;
  try { data = await response.json(); } catch (e) { data = null; }
  if (!response.ok) {
    throw new Error((data && data.error) || ('the console answered ' + response.status));
  }
  return data;
}

async function flow() {
  if (!flowCache) flowCache = await api('/flow');
  return flowCache;
}

function diagram(svgText) {
  const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const svg = document.importNode(parsed.documentElement, true);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'The flow diagram');
  return el('div', { class: 'diagram' }, svg);
}

function highlight(container, stateName) {
  container.querySelectorAll('g.state').forEach(g => g.classList.remove('current'));
  if (!stateName) return;
  const node = container.querySelector('g.state[id="state-' + CSS.escape(stateName) + '"]');
  if (node) node.classList.add('current');
}

function moveText(t) {
  return t.from + ' \u2192 ' + t.to + '  (' + t.event + (t.guard ? ' [' + t.guard + ']' : '') + ')';
}

// ---- routing -------------------------------------------------------------------------------------

function route() {
  const hash = location.hash.replace(/^#/, '') || '/chat';
  const [pathPart, queryPart] = hash.split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryPart || '');
  const page = parts[0] || 'chat';
  document.querySelectorAll('.topbar nav a').forEach(a => {
    a.classList.toggle('active', a.dataset.page === page);
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const pages = { chat: chatPage, tickets: parts[1] ? ticketPage : ticketsPage,
    conversations: parts[1] ? conversationPage : conversationsPage, traffic: trafficPage };
  const render = pages[page];
  if (!render) {
    show(emptyState('No such page', 'Pick a page above.'));
    return;
  }
  Promise.resolve(render(parts[1], query)).catch(e => show(errorBox(e.message)));
}

// ---- chat ----------------------------------------------------------------------------------------

async function chatPage(resumeId) {
  const f = await flow();
  const state = { conversationId: resumeId || '', customerId: 'console', busy: false };
  const transcript = el('div', { class: 'transcript', id: 'transcript', 'aria-live': 'polite' });
  const picture = diagram(f.svg);
  const stateLine = el('div', { class: 'state-line' });
  const slotsBox = el('div', { id: 'slots' });
  const ticketBox = el('div', { id: 'ticket' });
  const problem = el('div');
  const idInput = el('input', { id: 'conversation-id', placeholder: 'new conversation', value: state.conversationId, size: 18 });
  const customerInput = el('input', { id: 'customer-id', value: state.customerId, size: 10 });
  const text = el('textarea', { id: 'message', placeholder: 'Write as the customer\u2026 (Enter sends, Shift+Enter starts a new line)', 'aria-label': 'Message' });
  const send = el('button', { id: 'send', type: 'submit' }, 'Send');

  function renderState(name, slots, ticket, transition) {
    highlight(picture, name);
    stateLine.replaceChildren(el('span', { class: 'muted' }, 'Current state'), el('span', { id: 'current-state' }, pill(name, 'state')),
      el('span', { class: 'muted', id: 'last-move' }, transition ? 'last move: ' + moveText(transition) : ''));
    const current = picture.querySelector('g.state.current');
    if (current && picture.scrollWidth > picture.clientWidth) {
      const box = current.getBoundingClientRect();
      const frame = picture.getBoundingClientRect();
      picture.scrollLeft += box.left - frame.left - (frame.width - box.width) / 2;
    }
    slotsBox.replaceChildren(slotList(slots || {}));
    ticketBox.replaceChildren(ticket
      ? el('p', {}, 'Ticket ', el('a', { href: '#/tickets/' + encodeURIComponent(ticket.ticket_id), id: 'ticket-link' }, ticket.ticket_id),
          ' ', pill(ticket.status), ' ', pill(ticket.priority), ' ', ticket.department)
      : el('p', { class: 'muted' }, 'No ticket in this cycle yet.'));
  }

  function addBubble(who, words) {
    const bubble = el('div', { class: 'bubble ' + who }, words);
    transcript.append(bubble);
    transcript.scrollTop = transcript.scrollHeight;
    return bubble;
  }

  async function resume(id) {
    problem.replaceChildren();
    transcript.replaceChildren();
    state.conversationId = id;
    if (!id) {
      renderState(f.initial, {}, null, null);
      transcript.append(el('p', { class: 'muted', id: 'chat-empty' }, 'A new conversation: say why you want to escalate.'));
      return;
    }
    const data = await api('/conversations/' + encodeURIComponent(id));
    for (const t of data.turns) {
      addBubble('customer', t.text);
      transcript.append(el('div', { class: 'move' }, moveText(t)));
      addBubble('agent', t.reply === null ? '(reply not recorded)' : t.reply);
    }
    const c = data.conversation;
    if (c) {
      customerInput.value = c.customer_id;
      const ticket = c.current_ticket_id ? await api('/tickets/' + encodeURIComponent(c.current_ticket_id)) : null;
      const last = data.turns.length ? data.turns[data.turns.length - 1] : null;
      renderState(c.state, c.slots, ticket, last && last.to === c.state ? last : null);
    }
  }

  async function submit(event) {
    event.preventDefault();
    const words = text.value;
    if (!words.trim() || state.busy) return;
    state.busy = true;
    send.disabled = true;
    problem.replaceChildren();
    const empty = document.getElementById('chat-empty');
    if (empty) empty.remove();
    addBubble('customer', words);
    text.value = '';
    const reply = addBubble('agent streaming', '');
    try {
      await streamTurn({ conversation_id: state.conversationId || null, customer_id: customerInput.value, text: words }, reply);
    } catch (e) {
      reply.remove();
      problem.replaceChildren(errorBox(e.message));
    } finally {
      reply.classList.remove('streaming');
      state.busy = false;
      send.disabled = false;
      text.focus();
    }
  }

  async function streamTurn(body, reply) {
    const response = await fetch('/api/chat', { method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-Console-CSRF': session.csrf } });
    if (!response.ok) {
      let message = 'the console answered ' + response.status;
      try { message = (await response.json()).error || message; } catch (e) { /* keep the status */ }
      throw new Error(message);
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (value) buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim()) handleLine(JSON.parse(line), reply);
      }
      if (done) break;
    }
  }

  function handleLine(line, reply) {
    if (line.chunk !== undefined) {
      reply.textContent += line.chunk;
      transcript.scrollTop = transcript.scrollHeight;
    } else if (line.turn) {
      const t = line.turn;
      reply.textContent = t.reply;
      if (t.transition) reply.before(el('div', { class: 'move' }, moveText(t.transition)));
      state.conversationId = t.conversation_id;
      idInput.value = t.conversation_id;
      if (location.hash !== '#/chat/' + encodeURIComponent(t.conversation_id)) {
        history.replaceState(null, '', '#/chat/' + encodeURIComponent(t.conversation_id));
      }
      renderState(t.state, t.slots, t.ticket, t.transition);
    } else if (line.error) {
      throw new Error(line.error);
    }
  }

  text.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); submit(e); }
  });
  const resumeForm = el('form', { id: 'resume-form', onsubmit: e => { e.preventDefault(); location.hash = '#/chat/' + encodeURIComponent(idInput.value.trim()); } },
    el('label', { for: 'conversation-id' }, 'Conversation', idInput),
    el('label', { for: 'customer-id' }, 'As customer', customerInput),
    el('button', { type: 'submit', class: 'secondary', id: 'resume' }, 'Resume'),
    el('button', { type: 'button', class: 'secondary', id: 'new-conversation', onclick: () => { location.hash = '#/chat'; } }, 'New'));
  show(
    el('h1', {}, 'Chat'),
    el('p', { class: 'sub' }, 'Talk to the agent as a customer would; the diagram shows where the conversation is.'),
    el('div', { class: 'grid-chat' },
      el('section', { class: 'panel', 'aria-label': 'Conversation' }, resumeForm, el('hr', { class: 'sep' }), transcript, problem,
        el('form', { class: 'composer', onsubmit: submit }, el('div', { class: 'row' }, text, send),
          el('div', { class: 'hint' }, 'Replies stream in as the agent words them.'))),
      el('section', {},
        el('div', { class: 'panel' }, el('h2', {}, 'Flow'), picture, stateLine),
        el('div', { class: 'panel' }, el('h2', {}, 'What the agent knows'), slotsBox, ticketBox))));
  await resume(state.conversationId);
  text.focus();
}

function slotList(slots) {
  const rows = [['Department', slots.department], ['Priority', slots.priority], ['Description', slots.description],
    ['Contact', slots.contact]];
  for (const [name, value] of Object.entries(slots.extra || {})) rows.push([name, value]);
  return el('dl', { class: 'slots' }, rows.map(([name, value]) => [el('dt', {}, name), el('dd', { 'data-slot': name.toLowerCase() }, orUnset(value))]));
}

// ---- tickets -------------------------------------------------------------------------------------

async function ticketsPage(_, query) {
  const page = Number(query.get('page') || 0);
  const filters = ['status', 'department', 'priority', 'customer'];
  const params = new URLSearchParams();
  filters.forEach(name => { if (query.get(name)) params.set(name, query.get(name)); });
  params.set('page', page);
  const select = (name, choices) => el('select', { id: 'filter-' + name, name },
    el('option', { value: '' }, 'any'), choices.map(c => el('option', { value: c, selected: query.get(name) === c }, c)));
  const form = el('form', { class: 'row panel', id: 'ticket-filters', onsubmit: e => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const name of filters) {
      const value = form.elements[name].value.trim();
      if (value) next.set(name, value);
    }
    location.hash = '#/tickets?' + next.toString();
  } },
    el('label', {}, 'Status', select('status', session.statuses)),
    el('label', {}, 'Department', select('department', session.departments)),
    el('label', {}, 'Priority', select('priority', session.priorities)),
    el('label', {}, 'Customer', el('input', { id: 'filter-customer', name: 'customer', value: query.get('customer') || '', placeholder: 'any customer id' })),
    el('button', { type: 'submit', id: 'apply-filters' }, 'Apply'),
    el('button', { type: 'button', class: 'secondary', onclick: () => { location.hash = '#/tickets'; } }, 'Clear'));
  show(el('h1', {}, 'Tickets'), el('p', { class: 'sub' }, 'Newest first. Open a ticket to change its status or add a note.'), form,
    el('div', { class: 'panel', id: 'tickets' }, el('p', { class: 'muted' }, 'Loading\u2026')));
  let data;
  try {
    data = await api('/tickets?' + params.toString());
  } catch (e) {
    document.getElementById('tickets').replaceChildren(errorBox(e.message));
    return;
  }
  const filtered = filters.some(name => query.get(name));
  const body = data.items.length === 0
    ? emptyState(filtered ? 'No tickets match these filters' : 'No tickets yet',
        filtered ? 'Clear a filter to see more.' : 'A ticket appears here when a customer confirms one in a chat.')
    : el('table', { id: 'ticket-table' },
        el('thead', {}, el('tr', {}, ['Ticket', 'Status', 'Priority', 'Department', 'Customer', 'Created', 'Description'].map(h => el('th', {}, h)))),
        el('tbody', {}, data.items.map(t => el('tr', {},
          el('td', { class: 'mono' }, el('a', { href: '#/tickets/' + encodeURIComponent(t.ticket_id) }, t.ticket_id)),
          el('td', {}, pill(t.status)), el('td', {}, pill(t.priority)), el('td', {}, t.department),
          el('td', {}, t.customer_id), el('td', {}, when(t.created_at)),
          el('td', { class: 'clip', title: t.description }, t.description)))));
  document.getElementById('tickets').replaceChildren(body, pager(page, data.more, p => {
    const next = new URLSearchParams(query);
    next.set('page', p);
    return '#/tickets?' + next.toString();
  }));
}

function pager(page, more, link) {
  if (page === 0 && !more) return el('span');
  return el('div', { class: 'pager' },
    page > 0 ? el('a', { href: link(page - 1), id: 'previous-page' }, '\u2190 Previous') : null,
    el('span', { class: 'muted' }, 'Page ' + (page + 1)),
    more ? el('a', { href: link(page + 1), id: 'next-page' }, 'Next \u2192') : null);
}

async function ticketPage(id) {
  let ticket;
  try {
    ticket = await api('/tickets/' + encodeURIComponent(id));
  } catch (e) {
    show(el('p', {}, el('a', { href: '#/tickets' }, '\u2190 All tickets')), errorBox(e.message));
    return;
  }
  renderTicket(ticket, null);
}

function renderTicket(t, message) {
  const status = el('select', { id: 'new-status', name: 'status' },
    session.statuses.map(s => el('option', { value: s, selected: s === t.status }, s)));
  const note = el('textarea', { id: 'note', name: 'note', placeholder: 'A note for the audit trail (optional)', maxlength: 2000 });
  const actor = el('input', { id: 'actor-name', name: 'actor', placeholder: session.actor, size: 20 });
  const feedback = el('div', { id: 'update-feedback', 'aria-live': 'polite' }, message ? el('div', { class: 'notice' }, message) : null);
  const form = el('form', { id: 'ticket-update', onsubmit: async e => {
    e.preventDefault();
    const body = {};
    if (status.value !== t.status) body.status = status.value;
    if (note.value.trim()) body.note = note.value;
    if (actor.value.trim()) body.actor = actor.value;
    if (!body.status && !body.note) {
      feedback.replaceChildren(errorBox('Choose another status or write a note first.'));
      return;
    }
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const changed = await api('/tickets/' + encodeURIComponent(t.ticket_id), { body });
      renderTicket(changed, 'Saved: ' + [body.status ? 'status ' + t.status + ' \u2192 ' + changed.status : null, body.note ? 'note added' : null].filter(Boolean).join(', ') + '.');
    } catch (err) {
      feedback.replaceChildren(errorBox(err.message));
      button.disabled = false;
    }
  } },
    el('div', { class: 'row' }, el('label', { for: 'new-status' }, 'Status', status), el('label', { for: 'actor-name' }, 'Your name', actor)),
    el('label', { for: 'note' }, 'Note', note),
    el('div', { class: 'row' }, el('button', { type: 'submit', id: 'save-ticket' }, 'Save change')), feedback);
  const history = t.history.length === 0 ? emptyState('No entries', 'This ticket has no audit trail.')
    : el('table', { id: 'audit-trail' }, el('thead', {}, el('tr', {}, ['When', 'Who', 'What', 'Note'].map(h => el('th', {}, h)))),
      el('tbody', {}, t.history.map(h => el('tr', {},
        el('td', {}, when(h.at)), el('td', { class: 'mono' }, h.actor),
        el('td', {}, h.kind.replace('_', ' '), h.to_status ? [' ', h.from_status ? pill(h.from_status) : null, h.from_status ? ' \u2192 ' : null, pill(h.to_status)] : null),
        el('td', { class: 'said' }, h.note || '')))));
  show(el('p', {}, el('a', { href: '#/tickets' }, '\u2190 All tickets')),
    el('h1', { class: 'mono', id: 'ticket-title' }, t.ticket_id),
    el('div', { class: 'two' },
      el('div', {},
        el('section', { class: 'panel' },
          el('div', { class: 'meta' },
            el('div', {}, el('span', {}, 'Status'), pill(t.status)),
            el('div', {}, el('span', {}, 'Priority'), pill(t.priority)),
            el('div', {}, el('span', {}, 'Department'), t.department),
            el('div', {}, el('span', {}, 'Customer'), t.customer_id),
            el('div', {}, el('span', {}, 'Conversation'), el('a', { href: '#/conversations/' + encodeURIComponent(t.conversation_id) }, t.conversation_id)),
            el('div', {}, el('span', {}, 'Created'), when(t.created_at))),
          el('h2', {}, 'Description'), el('div', { class: 'description', id: 'ticket-description' }, t.description)),
        el('section', { class: 'panel' }, el('h2', {}, 'Audit trail'), history)),
      el('section', { class: 'panel' }, el('h2', {}, 'Change'), el('p', { class: 'muted' }, 'Recorded as ' + session.actor + ' unless you give a name.'), form)));
}

// ---- conversations -------------------------------------------------------------------------------

async function conversationsPage(_, query) {
  const page = Number(query.get('page') || 0);
  const data = await api('/conversations?page=' + page);
  const body = data.items.length === 0
    ? emptyState('No conversations yet', 'Conversations appear here once a customer writes, here in the chat or through chat, replay or serve.')
    : el('table', { id: 'conversation-table' },
        el('thead', {}, el('tr', {}, ['Conversation', 'Customer', 'State', 'Turns', 'Ticket', 'Last activity'].map(h => el('th', {}, h)))),
        el('tbody', {}, data.items.map(c => el('tr', {},
          el('td', { class: 'mono' }, el('a', { href: '#/conversations/' + encodeURIComponent(c.conversation_id) }, c.conversation_id)),
          el('td', {}, c.customer_id), el('td', {}, pill(c.state, 'state')), el('td', { class: 'num' }, c.turns),
          el('td', { class: 'mono' }, c.current_ticket_id ? el('a', { href: '#/tickets/' + c.current_ticket_id }, c.current_ticket_id) : ''),
          el('td', {}, when(c.updated_at))))));
  show(el('h1', {}, 'Conversations'), el('p', { class: 'sub' }, 'Most recently active first.'),
    el('div', { class: 'panel' }, body, pager(page, data.more, p => '#/conversations?page=' + p)));
}

async function conversationPage(id) {
  let data;
  try {
    data = await api('/conversations/' + encodeURIComponent(id));
  } catch (e) {
    show(el('p', {}, el('a', { href: '#/conversations' }, '\u2190 All conversations')), errorBox(e.message));
    return;
  }
  const c = data.conversation;
  const turns = data.turns.length === 0
    ? emptyState('No transcript', 'This conversation\u2019s turns were stored before transcripts were kept.')
    : data.turns.map(t => el('article', { class: 'turn', 'data-turn': t.turn },
        el('div', { class: 'head' }, el('b', {}, 'Turn ' + t.turn), when(t.at), pill(t.from, 'state'),
          el('span', {}, '\u2014 ' + t.event + (t.guard ? ' [' + t.guard + ']' : '') + (t.action && t.action !== 'NONE' ? ' / ' + t.action : '') + ' \u2192'),
          pill(t.to, 'state')),
        el('p', { class: 'said customer-text' }, el('b', {}, 'Customer'), t.text),
        el('p', { class: 'said' }, el('b', {}, 'Agent'), t.reply === null ? el('span', { class: 'unset' }, 'reply not recorded') : t.reply)));
  show(el('p', {}, el('a', { href: '#/conversations' }, '\u2190 All conversations')),
    el('h1', { class: 'mono' }, id),
    c ? el('div', { class: 'meta panel' },
      el('div', {}, el('span', {}, 'Customer'), c.customer_id),
      el('div', {}, el('span', {}, 'State'), pill(c.state, 'state')),
      el('div', {}, el('span', {}, 'Cycle'), c.cycle),
      el('div', {}, el('span', {}, 'Started'), when(c.created_at)),
      el('div', {}, el('span', {}, 'Last activity'), when(c.updated_at)),
      el('div', {}, el('span', {}, ' '), el('a', { href: '#/chat/' + encodeURIComponent(id), id: 'continue-chat' }, 'Continue in the chat \u2192'))) : null,
    c && c.parked_request ? el('section', { class: 'panel', id: 'parked-request' },
      el('h2', {}, 'Parked request'),
      el('p', { class: 'muted' }, 'A second problem the customer raised; it waits for a request of its own and is not part of the current one.'),
      el('p', { class: 'said customer-text' }, c.parked_request)) : null,
    el('section', { class: 'panel', id: 'transcript-view' }, el('h2', {}, 'Transcript'), turns));
}

// ---- flow traffic --------------------------------------------------------------------------------

const WINDOWS = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3, 'all': null };

async function trafficPage(_, query) {
  const windowName = WINDOWS.hasOwnProperty(query.get('window')) ? query.get('window') : (query.get('from') ? 'custom' : '7d');
  const params = new URLSearchParams();
  if (windowName === 'custom') {
    params.set('from', query.get('from'));
    if (query.get('to')) params.set('to', query.get('to'));
  } else if (windowName === 'all') {
    params.set('from', '1970-01-01T00:00:00Z');
  } else {
    params.set('from', new Date(Date.now() - WINDOWS[windowName]).toISOString());
  }
  const choice = el('select', { id: 'window', name: 'window' },
    [['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['all', 'All time'], ['custom', 'From … to …']]
      .map(([value, text]) => el('option', { value, selected: value === windowName }, text)));
  const local = iso => iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60e3).toISOString().slice(0, 16) : '';
  const fromInput = el('input', { type: 'datetime-local', id: 'window-from', value: local(query.get('from')) });
  const toInput = el('input', { type: 'datetime-local', id: 'window-to', value: local(query.get('to')) });
  const form = el('form', { class: 'row toolbar', onsubmit: e => {
    e.preventDefault();
    if (choice.value !== 'custom') { location.hash = '#/traffic?window=' + choice.value; return; }
    if (!fromInput.value) { fromInput.focus(); return; }
    const next = new URLSearchParams({ from: new Date(fromInput.value).toISOString() });
    if (toInput.value) next.set('to', new Date(toInput.value).toISOString());
    location.hash = '#/traffic?' + next.toString();
  } },
    el('label', { for: 'window' }, 'Window', choice), el('label', { for: 'window-from' }, 'From', fromInput),
    el('label', { for: 'window-to' }, 'To (default now)', toInput), el('button', { type: 'submit', id: 'show-traffic' }, 'Show'));
  show(el('h1', {}, 'Flow traffic'), el('p', { class: 'sub' }, 'Which transitions conversations took, where they stopped, and what was never taken.'),
    form, el('div', { id: 'traffic' }, el('p', { class: 'muted' }, 'Loading\u2026')));
  let data;
  try {
    data = await api('/traffic?' + params.toString());
  } catch (e) {
    document.getElementById('traffic').replaceChildren(errorBox(e.message));
    return;
  }
  document.getElementById('traffic').replaceChildren(...trafficView(data).filter(Boolean));
}

function trafficView(data) {
  const picture = diagram(data.svg);
  picture.classList.add('traffic-diagram');
  for (const [stateName, count] of Object.entries(data.abandoned)) {
    const g = picture.querySelector('g.state[id="state-' + CSS.escape(stateName) + '"]');
    if (!g) continue;
    g.classList.add('abandoned');
    const rect = g.querySelector('rect');
    const badge = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    badge.setAttribute('class', 'badge');
    badge.setAttribute('x', Number(rect.getAttribute('x')) + Number(rect.getAttribute('width')) / 2);
    badge.setAttribute('y', Number(rect.getAttribute('y')) - 6);
    badge.setAttribute('text-anchor', 'middle');
    badge.textContent = count + ' abandoned';
    g.append(badge);
  }
  const untaken = data.transitions.filter(t => t.count === 0);
  const stats = el('div', { class: 'stats' },
    stat(data.turn_count, 'turns', 'stat-turns'), stat(data.conversation_count, 'conversations', 'stat-conversations'),
    stat(Object.values(data.abandoned).reduce((a, b) => a + b, 0), 'abandoned', 'stat-abandoned'),
    stat(Object.values(data.cancelled).reduce((a, b) => a + b, 0), 'cancelled', 'stat-cancelled'),
    stat(untaken.length + ' of ' + data.transitions.length, 'transitions never taken', 'stat-untaken'));
  const table = el('table', { id: 'traffic-table' },
    el('thead', {}, el('tr', {}, ['From', 'Event [guard] / action', 'To', 'Taken', 'Conversations'].map(h => el('th', {}, h)))),
    el('tbody', {}, data.transitions.map(t => el('tr', { class: t.count === 0 ? 'untaken' : '', 'data-row': t.id },
      el('td', {}, t.from), el('td', { class: 'mono' }, t.event + (t.guard ? ' [' + t.guard + ']' : '') + (t.action !== 'NONE' ? ' / ' + t.action : '')),
      el('td', {}, t.to), el('td', { class: 'num count' }, t.count), el('td', { class: 'num' }, t.conversations)))));
  const stops = (title, map, id) => el('div', { class: 'panel', id },
    el('h2', {}, title), Object.keys(map).length === 0 ? el('p', { class: 'muted' }, 'None in this window.')
      : el('dl', { class: 'slots' }, Object.entries(map).map(([s, n]) => [el('dt', {}, s), el('dd', {}, n)])));
  return [
    el('p', { class: 'muted' }, 'From ' + when(data.from) + ' to ' + when(data.to) + '. A conversation counts as abandoned when it stopped before its cycle ended and stayed idle longer than ' + data.conversation_ttl.replace('PT', '').toLowerCase() + ' (or expired and began again).'),
    stats,
    data.turn_count === 0 ? el('div', { class: 'panel' }, emptyState('No turns in this window', 'Pick a longer window, or chat or replay some conversations first.')) : null,
    el('div', { class: 'panel' }, el('h2', {}, 'Diagram (each transition with how often it was taken)'), picture),
    el('div', { class: 'two' }, el('div', { class: 'panel' }, el('h2', {}, 'Transitions (never taken in red)'), table),
      el('div', {}, stops('Abandoned in', data.abandoned, 'abandoned'), stops('Cancelled in', data.cancelled, 'cancelled'),
        data.unknown_turns > 0 ? el('p', { class: 'muted' }, data.unknown_turns + ' turns took rows this flow no longer has.') : null))];
}

function stat(value, label, id) {
  return el('div', { class: 'stat', id }, el('b', {}, value), el('span', {}, label));
}

// ---- start ---------------------------------------------------------------------------------------

async function start() {
  try {
    Object.assign(session, await api('/session'));
  } catch (e) {
    show(errorBox('The console cannot be reached: ' + e.message));
    return;
  }
  document.getElementById('actor').textContent = 'acting as ' + session.actor;
  window.addEventListener('hashchange', route);
  route();
}

document.addEventListener('DOMContentLoaded', start);
