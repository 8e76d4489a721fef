import { createRouter, createWebHashHistory } from 'vue-router';
import type { RouteRecordRaw } from 'vue-router';

export interface NavItem {
  path: string;
  name: string;
  label: string;
  shortcut: string;
}

export const navItems: NavItem[] = [
  { path: '/flows', name: 'flows', label: 'Flows', shortcut: '1' },
  { path: '/run', name: 'run', label: 'Run / Timeline', shortcut: '2' },
  { path: '/mocks', name: 'mocks', label: 'Mocks', shortcut: '3' },
  { path: '/scenarios', name: 'scenarios', label: 'Scenarios', shortcut: '4' },
  { path: '/sessions', name: 'sessions', label: 'Sessions', shortcut: '5' },
];

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/flows' },
  { path: '/flows', name: 'flows', component: () => import('./views/FlowsView.vue') },
  { path: '/run', name: 'run', component: () => import('./views/RunView.vue') },
  { path: '/mocks', name: 'mocks', component: () => import('./views/MocksView.vue') },
  { path: '/scenarios', name: 'scenarios', component: () => import('./views/ScenariosView.vue') },
  { path: '/sessions', name: 'sessions', component: () => import('./views/SessionsView.vue') },
  { path: '/:rest(.*)*', redirect: '/flows' },
];

export const router = createRouter({ history: createWebHashHistory(), routes });
