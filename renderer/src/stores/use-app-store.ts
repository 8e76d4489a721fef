import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '../../../main/api/routes/app';
import { ApiCallError } from '../../../main/api/errors';
import { useClient } from '../api/client';
import { errorMessage } from './error-message';

export type ThemeName = 'light' | 'dark';

const THEME_KEY = 'flowbench.theme';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const error = ref<string | null>(null);
  /** Browser mode: the host refused the page's access token (or it has none). */
  const unauthorized = ref(false);
  const notice = ref<{ level: 'info' | 'warning' | 'error'; message: string } | null>(null);
  const theme = ref<ThemeName>(localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark');

  async function load(): Promise<void> {
    try {
      info.value = await useClient().call('app.info', {});
      error.value = null;
      unauthorized.value = false;
    } catch (e) {
      error.value = errorMessage(e);
      unauthorized.value = e instanceof ApiCallError && e.code === 'unauthorized';
    }
  }

  function listen(): () => void {
    return useClient().on('host.notice', (payload) => {
      notice.value = payload;
    });
  }

  function toggleTheme(): void {
    theme.value = theme.value === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, theme.value);
  }

  return { info, error, unauthorized, notice, theme, load, listen, toggleTheme };
});
