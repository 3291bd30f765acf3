import { useDispatch, useSelector } from 'react-redux';
import type { RootState } from '../../common/reducers';
import type { PageStore } from './initStore';

export const useAppSelector = useSelector.withTypes<RootState>();
export const useAppDispatch = useDispatch.withTypes<PageStore['dispatch']>();
