import { contextBridge, ipcRenderer } from 'electron';
import { z } from 'zod';
import { createBridge } from './create-bridge';

z.config({ jitless: true });

// Exactly the API contract, nothing else: no raw ipcRenderer, no generic channel access.
contextBridge.exposeInMainWorld('flowbench', createBridge(ipcRenderer));
