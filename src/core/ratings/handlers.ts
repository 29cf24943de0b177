import type { Handler, HandlerDeps } from '../handlerTypes';
import { createRatingService } from './ratingService';

type RatingOps = 'ratings.submit' | 'ratings.open';

/** The rating operations; the service subscribes to 'queue.completed' to open windows. */
export function createRatingHandlers(deps: Pick<HandlerDeps, 'db' | 'clock' | 'events'>): {
  [N in RatingOps]: Handler<N>;
} {
  const ratings = createRatingService(deps);
  return {
    'ratings.submit': (input) => ratings.submit(input),
    'ratings.open': (input) => ratings.openWindows(input.counterId),
  };
}
