import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The card waits on several chained requests (clusters, objects, proxy calls);
// on a busy CI machine they can take longer than the default second.
configure({ asyncUtilTimeout: 5000 });
