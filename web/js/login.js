// login.js runs the /login page: log in, then go where the user was headed.
import { api, safeNext } from './api.js';

const form = document.getElementById('login-form');
const error = document.getElementById('error');
const submit = document.getElementById('submit');

function showError(msg) {
  error.textContent = msg;
  error.hidden = !msg;
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = form.elements.name.value.trim();
  const password = form.elements.password.value;
  if (!name || !password) {
    showError('Enter your name and password.');
    return;
  }
  showError('');
  submit.disabled = true;
  try {
    await api.login(name, password);
    // A redirect to /login keeps the hash of the page asked for: go back to it.
    const next = new URLSearchParams(location.search).get('next') || '/' + location.hash;
    location.assign(safeNext(next));
  } catch (err) {
    showError(err.status === 401 ? 'That name and password do not match.' : err.message);
    form.elements.password.select();
    submit.disabled = false;
  }
});

form.addEventListener('input', () => showError(''));
