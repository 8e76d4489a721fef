import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '../../../main/api/routes/app';
import { useClient } from '../api/client';
import { errorMessage } from './error-message';

export type ThemeName = 'light' | 'dark';

const THEME_KEY = 'flowbench.theme';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const error = ref<string | null>(null);
  const notice = ref<{ level: 'info' | 'warning' | 'error'; message: string } | null>(null);
  const theme = ref<ThemeName>(localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark');

  async function load(): Promise<void> {
    try {
      info.value = await useClient().call('app.info', {});
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
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

  return { info, error, notice, theme, load, listen, toggleTheme };
});
