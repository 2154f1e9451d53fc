import type { ProjectModel } from '../model';
import { LaunchPath } from './launch-path';
import { Walls } from './walls';
import { matchPhoneRequest, matchUserInfoRequest } from './requests';
import { Checkout } from './checkout';
import { EntryPoints } from './entry-points';

/** The facts rules share, by name: computed once per analysis from the project model. */
export interface ProjectFacts {
  /** The entry page, lifecycle redirects, and the pages reached before any tap. */
  readonly launch: LaunchPath;
  /** Requests for the phone number and the pages they wall off. */
  readonly phone: Walls;
  /** Requests for the nickname or avatar and the pages they wall off. */
  readonly userInfo: Walls;
  /** The checkout step, and whether a phone request sits in an order flow with its purpose stated. */
  readonly checkout: Checkout;
  /** Where code starts running (lifecycle or gesture) and the platform calls each start reaches. */
  readonly entries: EntryPoints;
}

export function projectFacts(model: ProjectModel): ProjectFacts {
  const launch = new LaunchPath(model);
  const phone = new Walls(model, matchPhoneRequest);
  const checkout = new Checkout(phone);
  const entries = new EntryPoints(model, launch);
  // Walls compute each page's facts when a rule first asks for them.
  const userInfo = new Walls(model, matchUserInfoRequest);
  return { launch, phone, userInfo, checkout, entries };
}
