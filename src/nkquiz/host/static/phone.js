// The phone page of nkquiz host: the protocol of docs/host.md, spoken over one websocket.
// Everything from the server (nicknames, questions, choices) goes into the page as text
// (textContent), never as HTML. The player's token stays in localStorage, so that a reload or
// a dropped connection rejoins as the same player, with the same points.
"use strict";

const TOKEN = "nkquiz-host-token";
const texts = JSON.parse(document.getElementById("texts").textContent);
const $ = (id) => document.getElementById(id);
let socket = null;
let kicked = false;
let ticking = null;

for (const element of document.querySelectorAll("[data-text]")) {
  element.textContent = texts[element.dataset.text] || "";
}

function show(view) {
  for (const element of document.querySelectorAll(".view")) {
    element.hidden = element.id !== view;
  }
  if (view !== "question") stopCountdown();
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(`${scheme}//${location.host}/ws`);
  socket.addEventListener("open", () => {
    $("banner").hidden = true;
    const token = localStorage.getItem(TOKEN);
    if (token) send({ type: "rejoin", token });
    else show("join");
  });
  socket.addEventListener("message", (event) => receive(JSON.parse(event.data)));
  socket.addEventListener("close", () => {
    if (kicked) return;
    $("banner").textContent = texts.host_page_reconnecting;
    $("banner").hidden = false;
    setTimeout(connect, 1000);
  });
}

function receive(message) {
  switch (message.type) {
    case "joined":
      localStorage.setItem(TOKEN, message.token);
      $("me").textContent = message.nickname;
      $("error").textContent = "";
      break;
    case "refused":
      if (message.reason === "unknown_player") {
        localStorage.removeItem(TOKEN);
        show("join");
      }
      $(document.getElementById("join").hidden ? "refusal" : "error").textContent = message.message;
      enableAnswers(true);
      break;
    case "wait":
      show("wait");
      break;
    case "question":
      question(message);
      break;
    case "answered":
      show("answered");
      break;
    case "paused":
      show("paused");
      break;
    case "result":
      result(message);
      break;
    case "end":
      $("final-score").textContent = message.score_text;
      $("final-rank").textContent = message.rank_text;
      mistakes(message.mistakes || []);
      show("end");
      break;
    case "kicked":
      kicked = true;
      localStorage.removeItem(TOKEN);
      $("me").textContent = "";
      show("kicked");
      break;
  }
}

function button(label, answer) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  element.addEventListener("click", () => answerWith(answer));
  return element;
}

function answerWith(answer) {
  enableAnswers(false);
  send({ type: "answer", answer });
}

function enableAnswers(enabled) {
  for (const element of document.querySelectorAll(
    "#question button, #question input, #question select")) {
    element.disabled = !enabled;
  }
}

function question(message) {
  $("number").textContent = `${message.number} / ${message.total}`;
  $("prompt").textContent = message.prompt;
  $("refusal").textContent = "";
  const choices = $("choices");
  choices.replaceChildren();
  const inputs = $("inputs");
  inputs.replaceChildren();
  const typed = $("typed");
  typed.hidden = true;
  $("sequence").replaceChildren();
  $("sequence").hidden = true;
  if (message.kind === "choice") {
    for (const option of message.options) choices.append(button(option, option));
  } else if (message.kind === "multi") {
    const chosen = new Set();
    for (const option of message.options) {
      const element = document.createElement("button");
      element.type = "button";
      element.textContent = option;
      element.setAttribute("aria-pressed", "false");
      element.addEventListener("click", () => {
        const on = !chosen.has(option);
        if (on) chosen.add(option);
        else chosen.delete(option);
        element.setAttribute("aria-pressed", String(on));
      });
      choices.append(element);
    }
    typed.hidden = false;
    typed.onsubmit = (event) => {
      event.preventDefault();
      answerWith(message.options.filter((option) => chosen.has(option)));
    };
  } else if (message.kind === "match") {
    match(message.lefts, message.options, typed);
  } else if (message.kind === "order") {
    order(message.options, choices, typed);
  } else if (message.kind === "truefalse") {
    choices.append(button(texts.host_page_true, true), button(texts.host_page_false, false));
  } else {
    const count = message.kind === "cloze" ? message.blanks : 1;
    for (let i = 0; i < count; i += 1) {
      const input = document.createElement("input");
      input.autocomplete = "off";
      input.maxLength = 200;
      if (message.kind === "number") input.inputMode = "decimal";
      input.setAttribute("aria-label", count > 1 ? `${i + 1}` : message.prompt);
      inputs.append(input);
    }
    if (message.unit) {
      const unit = document.createElement("p");
      unit.textContent = message.unit;
      inputs.append(unit);
    }
    typed.hidden = false;
    typed.onsubmit = (event) => {
      event.preventDefault();
      const values = [...inputs.querySelectorAll("input")].map((input) => input.value);
      answerWith(message.kind === "cloze" ? values : values[0]);
    };
  }
  show("question");
  enableAnswers(true);
  const first = inputs.querySelector("input");
  if (first) first.focus();
  startCountdown(message.seconds);
}

// An order: each item tapped goes to the end of the list below the buttons, and its button is
// disabled; "Start again" empties the list; Send sends the list once every item is in it.
function order(items, choices, typed) {
  const sequence = $("sequence");
  const chosen = [];
  const buttons = [];
  const send = typed.querySelector("button[type=submit]");
  const draw = () => {
    sequence.replaceChildren(...chosen.map((item) => {
      const line = document.createElement("li");
      line.textContent = item;
      return line;
    }));
    sequence.hidden = chosen.length === 0;
    send.disabled = chosen.length !== items.length;
  };
  for (const item of items) {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = item;
    element.addEventListener("click", () => {
      chosen.push(item);
      element.disabled = true;
      draw();
    });
    buttons.push(element);
    choices.append(element);
  }
  const again = document.createElement("button");
  again.type = "button";
  again.className = "secondary";
  again.textContent = texts.host_page_again;
  again.addEventListener("click", () => {
    chosen.length = 0;
    for (const element of buttons) element.disabled = false;
    draw();
  });
  $("inputs").append(again);
  typed.hidden = false;
  typed.onsubmit = (event) => {
    event.preventDefault();
    if (chosen.length === items.length) answerWith([...chosen]);
  };
  setTimeout(draw);  // after enableAnswers, which enables Send
}

// A match: for each left-hand item, a list to choose its right-hand side from.
function match(lefts, rights, typed) {
  const inputs = $("inputs");
  const lists = lefts.map((left) => {
    const label = document.createElement("label");
    label.textContent = left;
    const list = document.createElement("select");
    for (const right of ["", ...rights]) {
      const option = document.createElement("option");
      option.value = right;
      option.textContent = right || "—";
      list.append(option);
    }
    label.append(list);
    inputs.append(label);
    return list;
  });
  typed.hidden = false;
  typed.onsubmit = (event) => {
    event.preventDefault();
    const pairs = {};
    lefts.forEach((left, i) => {
      if (lists[i].value) pairs[left] = lists[i].value;
    });
    answerWith(pairs);
  };
}

function startCountdown(seconds) {
  stopCountdown();
  const ends = Date.now() + seconds * 1000;
  const draw = () => {
    const left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
    $("countdown").textContent = `${left} ${texts.host_page_seconds}`;
  };
  draw();
  ticking = setInterval(draw, 250);
}

function stopCountdown() {
  if (ticking !== null) clearInterval(ticking);
  ticking = null;
}

function result(message) {
  const verdict = $("verdict");
  verdict.textContent = message.verdict_text;
  verdict.className = `verdict ${message.right ? "right" : "wrong"}`;
  $("points").textContent = message.points_text;
  $("expected").textContent = message.right ? "" : message.expected;
  $("score").textContent = message.score_text;
  $("rank").textContent = message.rank_text;
  show("result");
}

function mistakes(missed) {
  const list = $("mistake-list");
  list.replaceChildren();
  for (const mistake of missed) {
    const item = document.createElement("li");
    for (const [part, name] of [["prompt", "strong"], ["answer", "p"], ["expected", "p"], ["quote", "q"]]) {
      if (!mistake[part]) continue;
      const element = document.createElement(name);
      element.textContent = mistake[part];
      item.append(element);
    }
    list.append(item);
  }
  $("mistakes").hidden = missed.length === 0;
}

$("join").addEventListener("submit", (event) => {
  event.preventDefault();
  $("error").textContent = "";
  send({ type: "join", pin: $("pin").value, nickname: $("nickname").value });
});

connect();
