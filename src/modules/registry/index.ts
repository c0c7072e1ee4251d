/** The door of the registry module: what other modules and the composition root may use. */
export { addToEntityRegistry, addToPopulationRegistry, isLegalRepresentative, matchesPopulationRegistry, registeredName } from './service.js';
export { demoRegistryPeople, syntheticPopulation } from './synthetic.js';
