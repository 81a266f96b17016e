/**
 * Wording shared by the generated node properties, so every resource reads the same way
 * ("Get an invoice", "Get many invoices") and AI agents see consistent descriptions.
 */
import type { MomentResource, OperationName } from '../../catalog';

/** "a" or "an" before a lower-case word. */
export function article(word: string): string {
	return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

export function lowerName(resource: MomentResource): string {
	return resource.displayName.toLowerCase();
}

interface OperationText {
	name: string;
	action: string;
	description: string;
}

export function operationText(resource: MomentResource, operation: OperationName): OperationText {
	const one = lowerName(resource);
	const a = article(one);
	const many = resource.plural;
	switch (operation) {
		case 'get':
			return {
				name: 'Get',
				action: `Get ${a} ${one}`,
				description: `Retrieve one ${one} by its Moment ID`,
			};
		case 'getAll':
			return {
				name: 'Get Many',
				action: `Get many ${many}`,
				description: `Retrieve many ${many}, optionally filtered; one output item per ${one}`,
			};
		case 'create':
			return {
				name: 'Create',
				action: `Create ${a} ${one}`,
				description: `Create a new ${one} in Moment`,
			};
		case 'update':
			return {
				name: 'Update',
				action: `Update ${a} ${one}`,
				description: `Change fields of an existing ${one}; fields left out stay as they are`,
			};
		case 'delete':
			return {
				name: 'Delete',
				action: `Delete ${a} ${one}`,
				description: `Permanently delete ${a} ${one} from Moment`,
			};
	}
}
