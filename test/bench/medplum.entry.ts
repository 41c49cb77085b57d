// The baseline's host build for the size table: what a browser app needs from @medplum/core to
// validate (it must also fetch and index the definitions JSON, counted separately).
export { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
