// "Is this page useful?" inline, without leaving the page. Progressive enhancement:
// without this script the same forms post normally and come back with a thank-you.

const THANKS = "Thank you for your feedback";

function postForm(form, extra) {
  const body = new FormData(form);
  for (const [name, value] of Object.entries(extra || {})) body.set(name, value);
  return fetch(form.action, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  }).then(async (response) => ({ status: response.status, data: await response.json() }));
}

function initFeedback(root) {
  const prompt = root.querySelector("[data-feedback-prompt]");
  const details = root.querySelector("[data-feedback-details]");
  const status = root.querySelector("[data-feedback-status]");
  if (!prompt || !details || !status) return;
  const answer = details.querySelector("[data-feedback-answer]");
  const followUp = details.querySelector("[data-feedback-follow-up]");
  const title = details.querySelector("[data-feedback-details-title]");
  const summary = details.querySelector("[data-feedback-error-summary]");
  const summaryList = details.querySelector("[data-feedback-error-list]");
  let answerSaved = false;

  function thank() {
    prompt.hidden = true;
    details.hidden = true;
    const heading = document.createElement("h2");
    heading.className = "govuk-feedback__title";
    heading.textContent = THANKS;
    status.replaceChildren(heading);
  }

  function showDetails(kind) {
    answer.value = kind === "problem" ? "problem" : "no";
    prompt.hidden = true;
    details.hidden = false;
    title.focus();
  }

  function updateTokens(token) {
    if (!token) return;
    root.querySelectorAll("input[name=token]").forEach((input) => {
      input.value = token;
    });
  }

  function clearErrors() {
    summary.hidden = true;
    summaryList.replaceChildren();
    details.querySelectorAll("[data-feedback-error-for]").forEach((message) => {
      message.hidden = true;
      message.replaceChildren();
      const group = message.closest(".govuk-form-group");
      group.classList.remove("govuk-form-group--error");
      group.querySelector("textarea").classList.remove("govuk-textarea--error");
    });
  }

  function showErrors(errors) {
    clearErrors();
    for (const [field, messages] of Object.entries(errors)) {
      for (const message of messages) {
        const item = document.createElement("li");
        const target = details.querySelector(`[data-feedback-error-for="${field}"]`);
        if (target) {
          const link = document.createElement("a");
          const textarea = target.closest(".govuk-form-group").querySelector("textarea");
          link.href = `#${textarea.id}`;
          link.textContent = message;
          item.append(link);
          const hidden = document.createElement("span");
          hidden.className = "govuk-visually-hidden";
          hidden.textContent = "Error: ";
          target.replaceChildren(hidden, message);
          target.hidden = false;
          target.closest(".govuk-form-group").classList.add("govuk-form-group--error");
          textarea.classList.add("govuk-textarea--error");
        } else {
          item.textContent = message;
        }
        summaryList.append(item);
      }
    }
    summary.hidden = false;
    summary.focus();
  }

  function showPromptError(message) {
    const paragraph = document.createElement("p");
    paragraph.className = "govuk-body govuk-!-font-weight-bold";
    paragraph.textContent = message;
    status.replaceChildren(paragraph);
  }

  prompt.addEventListener("submit", (event) => {
    const submitter = event.submitter;
    if (!submitter || !submitter.value) return;
    event.preventDefault();
    const choice = submitter.value;
    postForm(prompt, { answer: choice })
      .then(({ data }) => {
        if (data.status === "thanks") {
          thank();
        } else if (data.status === "more") {
          answerSaved = true;
          followUp.value = data.follow_up;
          showDetails("no");
        } else {
          updateTokens(data.token);
          showPromptError(Object.values(data.errors || {}).flat()[0] || "Something went wrong. Try again.");
        }
      })
      .catch(() => showPromptError("Your feedback could not be sent. Check your connection and try again."));
  });

  root.querySelector("[data-feedback-report]").addEventListener("click", (event) => {
    event.preventDefault();
    followUp.value = "";
    showDetails("problem");
  });

  details.addEventListener("submit", (event) => {
    event.preventDefault();
    postForm(details)
      .then(({ data }) => {
        if (data.status === "thanks") {
          thank();
        } else {
          updateTokens(data.token);
          showErrors(data.errors || { __all__: ["Something went wrong. Try again."] });
        }
      })
      .catch(() => showErrors({ __all__: ["Your feedback could not be sent. Check your connection and try again."] }));
  });

  details.querySelector("[data-feedback-cancel]").addEventListener("click", () => {
    clearErrors();
    if (answerSaved) {
      thank();
    } else {
      details.hidden = true;
      prompt.hidden = false;
      root.querySelector("[data-feedback-report]").focus();
    }
  });
}

export function initAllFeedback() {
  document.querySelectorAll('[data-module="council-page-feedback"]').forEach(initFeedback);
}
