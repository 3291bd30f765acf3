// The user's own image, shared by the painted wallpaper and the picker: read
// from storage.local once, followed through storage.onChanged (another tab's
// upload), and saved from the picker.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CustomImage } from '../../common/wallpapers/catalog';
import { CUSTOM_IMAGE_KEY, parseCustomImage } from './customImage';

export interface ImageStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  onChanged: {
    addListener(listener: (changes: Record<string, { newValue?: unknown }>) => void): void;
    removeListener(listener: (changes: Record<string, { newValue?: unknown }>) => void): void;
  };
}

export interface CustomImageState {
  /** undefined while it is being read; null when there is none. */
  image: CustomImage | null | undefined;
  save(image: CustomImage): Promise<void>;
}

const CustomImageContext = createContext<CustomImageState>({
  image: null,
  save: () => Promise.reject(new Error('no storage for a wallpaper image here')),
});

export const useCustomImage = () => useContext(CustomImageContext);

export function CustomImageProvider({ storage, children }: { storage: ImageStorage; children: ReactNode }) {
  const [image, setImage] = useState<CustomImage | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    storage
      .get(CUSTOM_IMAGE_KEY)
      .then((stored) => live && setImage(parseCustomImage(stored[CUSTOM_IMAGE_KEY])))
      .catch(() => live && setImage(null));
    const onChanged = (changes: Record<string, { newValue?: unknown }>) => {
      if (CUSTOM_IMAGE_KEY in changes) setImage(parseCustomImage(changes[CUSTOM_IMAGE_KEY]!.newValue));
    };
    storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      storage.onChanged.removeListener(onChanged);
    };
  }, [storage]);
  const value = useMemo<CustomImageState>(
    () => ({
      image,
      save: async (next) => {
        await storage.set({ [CUSTOM_IMAGE_KEY]: next });
        setImage(next);
      },
    }),
    [image, storage],
  );
  return <CustomImageContext.Provider value={value}>{children}</CustomImageContext.Provider>;
}
