// setup.js runs the /setup page: create the first admin with the one-time
// token from the server's log, then log in as them.
import { api } from './api.js';

const form = document.getElementById('setup-form');
const error = document.getElementById('error');
const submit = document.getElementById('submit');
const token = new URLSearchParams(location.search).get('token') || '';

function showError(msg) {
  error.textContent = msg;
  error.hidden = !msg;
}

if (!token) {
  showError('This page needs the setup link the server printed when it started (it ends in ?token=…).');
  submit.disabled = true;
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = form.elements.name.value.trim();
  const password = form.elements.password.value;
  if (!name || !password) {
    showError('Choose a name and a password.');
    return;
  }
  if (!form.elements.name.checkValidity()) {
    showError('A name is 1 to 64 letters, digits, dots, dashes or underscores.');
    return;
  }
  if (password !== form.elements.password2.value) {
    showError('The two passwords differ.');
    form.elements.password2.select();
    return;
  }
  showError('');
  submit.disabled = true;
  try {
    await api.setup(token, name, password);
    // Setup starts a session; log in explicitly only if it did not.
    try {
      await api.me({ noRedirect: true });
    } catch {
      await api.login(name, password);
    }
    location.assign('/');
  } catch (err) {
    showError(err.message);
    submit.disabled = false;
  }
});

form.addEventListener('input', () => showError(''));
