import { lifecycleOf } from '../../../platform/graph/lifecycle.js';

/** A product's status follows the product lifecycle of the Unified Product Graph. */
const lifecycle = lifecycleOf('product');

export const PRODUCT_STATUSES = lifecycle.statuses;
export const DEFAULT_PRODUCT_STATUS = 'launch';
export const canMove = lifecycle.canMove;
export const allowedMoves = lifecycle.allowedMoves;
export const assertMove = lifecycle.assertMove;
