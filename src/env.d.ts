/** True in the demo build (`--mode demo`): the simulated Prometheus (MSW) answers the app's queries. */
declare const __DEMO__: boolean;
