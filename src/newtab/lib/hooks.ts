import { useDispatch, useSelector, type TypedUseSelectorHook } from 'react-redux';
import type { Action } from '../../common/actions';
import type { RootState } from '../../common/reducers';

export const useAppSelector: TypedUseSelectorHook<RootState> = useSelector;
export const useAppDispatch = () => useDispatch<(a: Action) => Action>();
