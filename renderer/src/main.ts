import './api/boot-token';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { z } from 'zod';
import App from './App.vue';
import { router } from './router';

// The CSP forbids eval; tell zod not to probe for it.
z.config({ jitless: true });

createApp(App).use(createPinia()).use(router).mount('#app');
