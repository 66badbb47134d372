import { createContext, use } from 'react';
import { AFTERVIEW_BRAND, type EmailBrand } from './brand';

/** Lets buttons and links deep in a template follow the layout's brand without threading a prop. */
export const BrandContext = createContext<EmailBrand>(AFTERVIEW_BRAND);

export function useEmailBrand(): EmailBrand {
  return use(BrandContext);
}
